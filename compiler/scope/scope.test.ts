/**
 * The scope model must give Babel's answers: for every scope of a file, the same bindings
 * (name, kind, declaring node), the same references and writes of each binding, and the same
 * binding for every identifier. Checked against @babel/traverse's Scope on the fixture inputs
 * and on sources written to hit its corners.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import traverseModule, { type NodePath } from "@babel/traverse";
import type * as t from "@babel/types";
import { describe, expect, it } from "vitest";
import { parseModule } from "../parse.js";
import { createScopeModel, getScopeIndex, toAstPath } from "./index.js";

// @babel/traverse is CommonJS: under Node's ESM its default export arrives as `.default`.
type Traverse = typeof traverseModule.default;
const traverse: Traverse =
  (traverseModule as unknown as { default?: Traverse }).default ??
  (traverseModule as unknown as Traverse);

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, "..", "..", "fixtures", "transform");

const at = (node: t.Node) => `${node.type}@${node.start}`;
const sorted = (nodes: t.Node[]) => [...new Set(nodes)].map(at).sort();

/** Every difference between the model and Babel's Scope on one file. */
function compareWithBabel(code: string, filename: string): string[] {
  const ast = parseModule(code, filename);
  const model = createScopeModel(ast.program, code);
  traverse.cache.clear();
  const differences: string[] = [];
  const seen = new Set<unknown>();
  traverse(ast, {
    enter(path: NodePath) {
      const ap = toAstPath(path);
      if (path.isScope() && !seen.has(path.scope)) {
        seen.add(path.scope);
        const { scope } = path;
        const s = getScopeIndex(ap, ap.length - 1);
        const ours = model.getOwnBindings(ap, s);
        const isClass = scope.block.type === "ClassDeclaration";
        const theirs = Object.entries(scope.bindings).filter(
          // A class declaration's scope shares the class's binding; the model resolves it instead.
          ([name, b]) => b && !(isClass && (scope.block as t.ClassDeclaration).id?.name === name),
        );
        const where = at(scope.block);
        expect([...ours.keys()].sort(), `bindings of ${where}`).toEqual(
          theirs.map(([name]) => name).sort(),
        );
        for (const [name, b] of theirs) {
          const o = ours.get(name)!;
          if (o.kind !== b.kind || o.node !== b.path.node || o.identifier !== b.identifier)
            differences.push(
              `${name} in ${where}: ${b.kind} ${at(b.path.node)} vs ${o.kind} ${at(o.node)}`,
            );
          const references: t.Node[] = [];
          const violations: t.Node[] = [...o.redeclarations];
          for (const pos of model.findOccurrences(name)) {
            if (pos < scope.block.start! || pos >= scope.block.end!) continue;
            for (const use of model.findUsesAt(name, pos))
              if (model.resolveUse(name, use) === o)
                (use.kind === "reference" ? references : violations).push(use.node);
          }
          const theirRefs = sorted(b.referencePaths.map((p) => p.node));
          if (sorted(references).join() !== theirRefs.join())
            differences.push(
              `references of ${name} in ${where}: ${theirRefs} vs ${sorted(references)}`,
            );
          const theirWrites = sorted(b.constantViolations.map((p) => p.node));
          if (sorted(violations).join() !== theirWrites.join())
            differences.push(
              `writes of ${name} in ${where}: ${theirWrites} vs ${sorted(violations)}`,
            );
        }
      }
      if (path.isIdentifier() || path.isJSXIdentifier()) {
        const { name } = path.node;
        const theirs = path.scope.getBinding(name);
        const ours = model.resolve(name, ap, ap.length - 1);
        const same = theirs
          ? ours?.scope === theirs.scope.block && ours.node === theirs.path.node
          : ours === undefined;
        if (!same) differences.push(`${name}@${path.node.start} resolves differently`);
      }
    },
  });
  return differences;
}

const CORNERS: Record<string, string> = {
  "corners.ts": `import def, { a as b, type T } from "x";
import type { U } from "y";
import * as ns from "z";
import E = ns.E;
export import F = ns.F;
var v = 1; var v = 2;
for (var i = 0; i < 3; i++) { var inLoop = i; function loopFn() {} let l = 1; }
for (const k of [1]) { var w = k; }
for (x of y) {}
for ([p, q = r] of z) {}
let x, y, z, p, q, r;
x++; delete o.x; [x, ...y] = z; ({ a: x, b: { c: y = 3 }, ...z } = q);
function f(a = b, { c } = a, ...rest) { var a; function b() {} return arguments; }
const g = function self(self2 = self) { return self; };
const h = (m = arguments) => m;
class K extends (class Inner { m() { return Inner; } }) {
  static s = K; #priv = 1; [b] = 2; @dec method(param: T) { return this.#priv + param; }
  [def]() { return K; } static { var sv = 1; let sl = sv; }
  constructor(private pp: number, public qq = pp) { super(); }
}
const Ce = class Named { x = Named; };
switch (def) { case 1: let sw = 1; function swf() {} break; default: sw; }
switch ((() => v)()) {}
try { throw 1 } catch ({ message, stack = message }) { var cv = message; let cl = stack; } finally {}
try {} catch (e) { var e3 = e; }
label: for (;;) { break label; }
namespace N { export const nn = 1; var nv = nn; export function nf() { return nv; } }
declare module "m" { export const mm: number; }
declare global { var gv: number; }
enum Color { Red, Green = Red }
type Alias = typeof v;
interface I { foo(): void; bar: typeof x; [b]: string; }
const annotated: typeof x = x as typeof y satisfies U;
const gen = <Z,>(z: Z): Z => z;
export default function () {}
export { v as vv, b };
export const [e1, { e2 }] = [1, { e2: 2 }];
export class Exported {}
export function exportedFn() { return exportedFn; }
declare const dc: number;
declare function df(): void;
function over(a: string): void;
function over(a: any) { return over; }
const o = { a, b, [x]: 1, m() { return this; }, get g() { return 1; }, async *gen() {} };
const { a: aa = bb, bb = 2 } = o;
async function af() { for await (const fa of []) {} }
let { ["computed" + x]: cx } = o;
if (x) { function blockFn() {} }
function nt() { return new.target; }
`,
  "jsx.tsx": `import React from "react";
import { Comp, Other } from "./c";
const Local = () => <div className="x"><Comp.Sub a={1} /><Other>{Local}</Other><svg:rect /><my-el /></div>;
function F({ children }: { children: React.ReactNode }) { return <><Comp />{children}</>; }
export default F;
`,
  "hoisting.js": `export async function outer(list) {
  "use workflow";
  function inner() { return arguments; }
  const arrow = () => arguments;
  for (var fv of list) { var dup = fv; }
  var dup = 2;
  class Decl { static m() { return Decl; } }
  const s = async () => { "use step"; return Decl.m() + dup + fv; };
  async function named() { "use step"; return named; }
  var named = 3;
  return s;
}
var hoisted = later;
function later() {}
const \\u0061bc = 1; abc; \\u0061bc;
`,
};

function listFixtureInputs(): [string, string][] {
  const inputs: [string, string][] = [];
  for (const dir of readdirSync(fixturesDir).sort()) {
    if (!statSync(join(fixturesDir, dir)).isDirectory()) continue;
    const file = readdirSync(join(fixturesDir, dir)).find((f) => /^input\.[a-z]+$/.test(f));
    if (file) inputs.push([`${dir}/${file}`, readFileSync(join(fixturesDir, dir, file), "utf8")]);
  }
  return inputs;
}

describe("scope model = @babel/traverse's Scope", () => {
  for (const [name, code] of Object.entries(CORNERS)) {
    it(name, () => expect(compareWithBabel(code, name)).toEqual([]));
  }
  it("every fixture input that parses", () => {
    const differences: string[] = [];
    for (const [name, code] of listFixtureInputs()) {
      let result: string[];
      try {
        result = compareWithBabel(code, name);
      } catch (error) {
        if (error instanceof SyntaxError) continue; // fixtures of parse errors
        throw error;
      }
      differences.push(...result.map((d) => `${name}: ${d}`));
    }
    expect(differences).toEqual([]);
  });
});
