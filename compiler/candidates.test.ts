/**
 * The analysis only visits nodes that hold a candidate offset, so every string statement that
 * is or almost is a directive, and every custom-serialization key, must hold one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as t from "@babel/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsOffset, findCandidateOffsets } from "./candidates.js";
import { toDirectiveKind, toNearMissKind } from "./directives.js";
import { parseModule } from "./parse.js";
import { forEachChild } from "./scope/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, "..", "fixtures", "transform");

const isDirectiveLike = (text: string) => !!(toDirectiveKind(text) ?? toNearMissKind(text));

/** Nodes the analysis must reach: directive-like string statements and serialization keys. */
function findTargets(ast: t.File): t.Node[] {
  const targets: t.Node[] = [];
  const visit = (node: t.Node) => {
    if (node.type === "Directive" && isDirectiveLike(node.value.value)) targets.push(node);
    if (
      node.type === "ExpressionStatement" &&
      node.expression.type === "StringLiteral" &&
      isDirectiveLike(node.expression.value)
    )
      targets.push(node);
    if ((node.type === "ClassMethod" || node.type === "ClassProperty") && node.computed) {
      const key = node.key;
      if (key.type === "Identifier" && /^WORKFLOW_(DE)?SERIALIZE$/.test(key.name))
        targets.push(key);
      if (
        key.type === "CallExpression" &&
        key.arguments[0]?.type === "StringLiteral" &&
        /^workflow-(de)?serialize$/.test(key.arguments[0].value)
      )
        targets.push(key);
    }
    forEachChild(node, visit);
  };
  visit(ast.program);
  return targets;
}

const missed = (code: string, filename: string) => {
  const offsets = findCandidateOffsets(code);
  return findTargets(parseModule(code, filename))
    .filter((node) => !containsOffset(offsets, node.start!, node.end!))
    .map((node) => code.slice(node.start!, node.end!));
};

const CORNERS = `/* it's */ 'use step'; // don't
async function a() { /* it's */ "use step"; }
async function b() { b; 'use \\x73tep'; }
async function c() { c; "use \\u0073tep"; }
async function d() { d; "use \\
step"; }
async function e() { const re = /'/; "use stpe"; }
async function f() { \`\${"x"}'\`; "USE   STEP"; }
async function g() { "  use    workflow   "; }
class K {
  static [WORKFLOW_SERIALIZE](v) { return v; }
  static [Symbol.for("workflow-\\u0064eserialize")](v) { return v; }
  static [WORKFLOW_\\u0044ESERIALIZE] = 1;
}
`;

describe("findCandidateOffsets", () => {
  it("covers every directive-like string and serialization key in tricky spellings", () => {
    expect(missed(CORNERS, "corners.js")).toEqual([]);
    expect(findTargets(parseModule(CORNERS, "corners.js")).length).toBe(11);
  });

  it("covers them behind quotes in comments, regexes, templates and other strings", () => {
    const noise = fc.constantFrom(
      "/* it's */",
      "// don't\n",
      "const q = /'/;",
      'const d = "\\"";',
      "const t = `'${'\"'}`;",
      "x = 'a' + \"b\";",
      "",
    );
    const text = fc.constantFrom(
      "use step",
      "use workflow",
      "use stpe",
      "USE  STEP",
      "use \\x73tep",
      "use \\u{73}tep",
      "use-workflow",
    );
    fc.assert(
      fc.property(noise, noise, text, fc.constantFrom('"', "'"), (a, b, directive, q) => {
        const code = `${a}\nasync function f() { ${b} ${q}${directive}${q}; }\n`;
        let misses: string[];
        try {
          misses = missed(code, "input.js");
        } catch {
          return true; // a combination that does not parse
        }
        return misses.length === 0;
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it("covers them in every fixture input", () => {
    const misses: string[] = [];
    for (const dir of readdirSync(fixturesDir)) {
      if (!statSync(join(fixturesDir, dir)).isDirectory()) continue;
      const file = readdirSync(join(fixturesDir, dir)).find((f) => /^input\.[a-z]+$/.test(f));
      if (!file) continue;
      const code = readFileSync(join(fixturesDir, dir, file), "utf8");
      try {
        misses.push(...missed(code, file).map((text) => `${dir}: ${text}`));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
    }
    expect(misses).toEqual([]);
  });
});
