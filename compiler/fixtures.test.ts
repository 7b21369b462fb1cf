/**
 * Snapshot corpus for the transform: every folder of fixtures/transform is compiled in the three
 * modes and compared with snapshots/transform/<case>/<mode>.<ext>. Beyond the snapshots, the
 * contract of compiler/README.md is checked mechanically: outputs parse, diagnostics match
 * diagnostics.json, the manifest is the same in every mode and matches its comment, and every
 * step the workflow bundle proxies is registered by the step bundle.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, type ParserPlugin } from "@babel/parser";
import traverseModule from "@babel/traverse";
import type * as t from "@babel/types";
import { describe, expect, it } from "vitest";
import { transform } from "./index.js";
import type { Manifest, ManifestEntry, TransformMode, TransformResult } from "./types.js";

// @babel/traverse is CommonJS: under Node's ESM its default export arrives as `.default`.
type Traverse = typeof traverseModule.default;
const traverse: Traverse =
  (traverseModule as unknown as { default?: Traverse }).default ??
  (traverseModule as unknown as Traverse);

/** Names the compiler's own hooks may read from the global scope. */
const hookGlobals = ["globalThis", "Symbol", "Object", "Error", "Map"];

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, "..", "fixtures", "transform");
const snapshotsDir = join(here, "..", "snapshots", "transform");
const modes: TransformMode[] = ["workflow", "step", "client"];
const root = "/project";
const privateModule = "workflow/internal/private";

interface ExpectedDiagnostic {
  code: string;
  line: number;
  column: number;
}

interface Fixture {
  name: string;
  /** Extension of the input without the dot; snapshots use the same one. */
  ext: string;
  input: string;
  /** Root-relative file name; stable, so that IDs in snapshots read `step//./src/<case>/input//…`. */
  filename: string;
  diagnostics: ExpectedDiagnostic[] | undefined;
}

function loadFixtures(): Fixture[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(fixturesDir, name);
      const inputFile = readdirSync(dir).find((f) =>
        /^input\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(f),
      );
      if (!inputFile) throw new Error(`fixtures/transform/${name} has no input file`);
      const diagnosticsFile = join(dir, "diagnostics.json");
      return {
        name,
        ext: inputFile.slice("input.".length),
        input: readFileSync(join(dir, inputFile), "utf8"),
        filename: `src/${name}/${inputFile}`,
        diagnostics: existsSync(diagnosticsFile)
          ? (JSON.parse(readFileSync(diagnosticsFile, "utf8")) as ExpectedDiagnostic[])
          : undefined,
      };
    });
}

const cache = new Map<string, Promise<TransformResult>>();

/** Memoized: each (fixture, mode) pair is compiled once and shared by every test. */
function compile(fixture: Fixture, mode: TransformMode): Promise<TransformResult> {
  const key = `${fixture.name}:${mode}`;
  let result = cache.get(key);
  if (!result) {
    result = Promise.resolve().then(() =>
      transform(fixture.input, { filename: fixture.filename, root, mode }),
    );
    cache.set(key, result);
  }
  return result;
}

function parserPlugins(ext: string): ParserPlugin[] {
  const plugins: ParserPlugin[] = ["decorators"];
  if (["ts", "tsx", "mts", "cts"].includes(ext)) plugins.push("typescript");
  if (["tsx", "jsx", "js", "mjs", "cjs"].includes(ext)) plugins.push("jsx");
  return plugins;
}

function parseOutput(code: string, ext: string): t.File {
  return parse(code, { sourceType: "module", plugins: parserPlugins(ext) });
}

const skippedKeys = new Set([
  "loc",
  "start",
  "end",
  "extra",
  "comments",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "tokens",
]);

/** Calls `visit` on every node below `node`, in source order. */
function walk(node: unknown, visit: (node: t.Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === "string") visit(node as t.Node);
  for (const [key, value] of Object.entries(record)) {
    if (!skippedKeys.has(key)) walk(value, visit);
  }
}

/** True for `globalThis[Symbol.for("<key>")]`. */
function isGlobalSymbolHook(node: t.Node, key: string): boolean {
  if (node.type !== "MemberExpression" || !node.computed) return false;
  if (node.object.type !== "Identifier" || node.object.name !== "globalThis") return false;
  const symbol = node.property;
  if (symbol.type !== "CallExpression") return false;
  const callee = symbol.callee;
  const arg = symbol.arguments[0];
  return (
    callee.type === "MemberExpression" &&
    callee.object.type === "Identifier" &&
    callee.object.name === "Symbol" &&
    callee.property.type === "Identifier" &&
    callee.property.name === "for" &&
    arg?.type === "StringLiteral" &&
    arg.value === key
  );
}

/** First-argument string literals of every call whose callee matches. */
function firstArgsOfCalls(ast: t.File, isCallee: (callee: t.Node) => boolean): string[] {
  const ids: string[] = [];
  walk(ast.program, (node) => {
    if (node.type !== "CallExpression" || !isCallee(node.callee)) return;
    const arg = node.arguments[0];
    if (arg?.type === "StringLiteral") ids.push(arg.value);
  });
  return ids;
}

/** IDs passed to `registerStepFunction` (under whatever local alias it was imported as). */
function registeredStepIds(ast: t.File): string[] {
  const locals = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type !== "ImportDeclaration" || statement.source.value !== privateModule)
      continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== "ImportSpecifier") continue;
      const imported =
        specifier.imported.type === "Identifier"
          ? specifier.imported.name
          : specifier.imported.value;
      if (imported === "registerStepFunction") locals.add(specifier.local.name);
    }
  }
  return firstArgsOfCalls(ast, (callee) => callee.type === "Identifier" && locals.has(callee.name));
}

function proxiedStepIds(ast: t.File): string[] {
  return firstArgsOfCalls(ast, (callee) => isGlobalSymbolHook(callee, "WORKFLOW_USE_STEP"));
}

function registeredWorkflowIds(ast: t.File): string[] {
  return firstArgsOfCalls(ast, (callee) => isGlobalSymbolHook(callee, "WORKFLOW_REGISTER"));
}

/** Names referenced without a binding anywhere in the module, by Babel's scope analysis. */
function unboundNames(ast: t.File): Set<string> {
  let names = new Set<string>();
  traverse(ast, {
    Program(path) {
      const globals = (path.scope as unknown as { globals: Record<string, unknown> }).globals;
      names = new Set(Object.keys(globals));
      path.stop();
    },
  });
  return names;
}

function stringLiterals(ast: t.File): Set<string> {
  const values = new Set<string>();
  walk(ast.program, (node) => {
    if (node.type === "StringLiteral") values.add(node.value);
  });
  return values;
}

function manifestIds(manifest: Manifest, kind: "steps" | "workflows" | "classes"): string[] {
  const entries: Record<string, Record<string, ManifestEntry>> = manifest[kind] ?? {};
  return Object.values(entries).flatMap((byName) =>
    Object.values(byName).map((entry) => entry.stepId ?? entry.workflowId ?? entry.classId ?? ""),
  );
}

function isEmptyManifest(manifest: Manifest): boolean {
  return (["steps", "workflows", "classes"] as const).every(
    (kind) => Object.keys(manifest[kind] ?? {}).length === 0,
  );
}

const manifestComment = /\/\*\*__internal_workflows(\{.*?\})\*\//gs;

function errorsOf(result: TransformResult): ExpectedDiagnostic[] {
  return result.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ code: d.code, line: d.loc.line, column: d.loc.column }));
}

function sortDiagnostics(list: ExpectedDiagnostic[]): ExpectedDiagnostic[] {
  return [...list].sort(
    (a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

const fixtures = loadFixtures();

describe("transform fixtures", () => {
  it("finds the corpus", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(48);
  });

  for (const fixture of fixtures) {
    const expectsErrors = fixture.diagnostics !== undefined;

    describe(fixture.name, () => {
      for (const mode of modes) {
        it(`${mode} mode`, async () => {
          const result = await compile(fixture, mode);
          await expect(result.code).toMatchFileSnapshot(
            join(snapshotsDir, fixture.name, `${mode}.${fixture.ext}`),
          );

          if (expectsErrors) {
            expect(sortDiagnostics(errorsOf(result))).toEqual(
              sortDiagnostics(fixture.diagnostics ?? []),
            );
            expect(result.code).toBe(fixture.input);
            return;
          }
          expect(errorsOf(result)).toEqual([]);
          const ast = parseOutput(result.code, fixture.ext);
          // The transform must not leave references to names it removed or never declared.
          const allowed = new Set([
            ...unboundNames(parseOutput(fixture.input, fixture.ext)),
            ...hookGlobals,
          ]);
          const introduced = [...unboundNames(ast)].filter((name) => !allowed.has(name));
          expect(introduced, "unbound names introduced by the transform").toEqual([]);

          const comments = [...result.code.matchAll(manifestComment)];
          if (isEmptyManifest(result.manifest)) {
            expect(comments).toHaveLength(0);
          } else {
            expect(comments).toHaveLength(1);
            expect(JSON.parse(comments[0]?.[1] ?? "null")).toEqual(result.manifest);
          }
        });
      }

      it("agrees across modes", async () => {
        const [workflow, step, client] = await Promise.all(
          modes.map((mode) => compile(fixture, mode)),
        );
        if (!workflow || !step || !client) throw new Error("missing result");
        expect(step.manifest).toEqual(workflow.manifest);
        expect(client.manifest).toEqual(workflow.manifest);
        if (expectsErrors) return;

        const workflowAst = parseOutput(workflow.code, fixture.ext);
        const stepAst = parseOutput(step.code, fixture.ext);
        const clientAst = parseOutput(client.code, fixture.ext);
        const registeredSteps = new Set(registeredStepIds(stepAst));
        const registeredWorkflows = new Set(registeredWorkflowIds(workflowAst));

        // Every proxy of the workflow bundle resolves to a step registered by the step bundle.
        for (const id of proxiedStepIds(workflowAst)) expect(registeredSteps, id).toContain(id);
        // Every manifest entry exists at runtime in the bundle that owns it.
        for (const id of manifestIds(workflow.manifest, "steps"))
          expect(registeredSteps, id).toContain(id);
        for (const id of manifestIds(workflow.manifest, "workflows")) {
          expect(registeredWorkflows, id).toContain(id);
        }
        for (const ast of [workflowAst, stepAst, clientAst]) {
          const strings = stringLiterals(ast);
          for (const id of manifestIds(workflow.manifest, "classes"))
            expect(strings, id).toContain(id);
        }
        // Nothing is registered that the manifest does not list.
        const listed = new Set([
          ...manifestIds(workflow.manifest, "steps"),
          ...manifestIds(workflow.manifest, "workflows"),
        ]);
        for (const id of [...registeredSteps, ...registeredWorkflows])
          expect(listed, id).toContain(id);
      });

      if (fixture.name === "no-directives" || fixture.name === "directive-text-not-a-directive") {
        it("is returned untouched", async () => {
          for (const mode of modes) {
            const result = await compile(fixture, mode);
            expect(result.code).toBe(fixture.input);
            expect(isEmptyManifest(result.manifest)).toBe(true);
          }
        });
      }
    });
  }
});
