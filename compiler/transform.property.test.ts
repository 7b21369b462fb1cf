/**
 * Property / mutation test of the directive transform.
 *
 * Thousands of modules are fed to `transform` in all three modes:
 *  - generated: a grammar (fast-check arbitraries) builds modules from imports, module
 *    directives, functions of every shape, object literals, classes and workflows with nested
 *    steps, with directives in right and wrong places and misspelled;
 *  - mutated: the fixture inputs (fixtures/transform/<name>/input.*, topped up with built-in seed
 *    modules when there are fewer than 10) and generated modules, damaged by random edits.
 *
 * Invariants (one test per invariant and input stream, so that one failure does not hide
 * another):
 *  1. `transform` never throws, in any mode;
 *  2. an output without error diagnostics parses (Babel, plugins by extension). Exempt by contract:
 *     an unparsable input that was returned untouched without being parsed (no directive in it);
 *  3. with an error diagnostic the output code is the input, byte for byte;
 *  4. every diagnostic has a code, a message, a location inside the file and a non-empty frame;
 *  5. the manifest is the same in all three modes;
 *  6. every step ID passed to `Symbol.for("WORKFLOW_USE_STEP")` in workflow mode appears in the
 *     step-mode output;
 * plus three contract checks: a file that mentions "use step"/"use workflow" and does not parse
 * gets an error diagnostic; the diagnostics are the same in all modes; the manifest comment embedded
 * in the output matches the returned manifest.
 *
 * Runs are reproducible (fixed seeds). On a failure the message holds fast-check's shrunk
 * counterexample (the input source, verbatim), and a further line/token-level minimisation of it.
 * `WORKFLOW_PROPERTY_RUNS_SCALE=4 npx vitest run compiler/transform.property.test.ts` runs 4x more;
 * `WORKFLOW_PROPERTY_SEED=<n>` shifts the seeds (for exploring beyond the CI inputs).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse, type ParserPlugin } from "@babel/parser";
import traverseModule, { type NodePath } from "@babel/traverse";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transform } from "./index.js";
import type { Diagnostic, TransformMode, TransformResult } from "./types.js";

const MODES: readonly TransformMode[] = ["workflow", "step", "client"];
const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, "..", "fixtures", "transform");
const SEED_OFFSET = Number(process.env.WORKFLOW_PROPERTY_SEED ?? "0") || 0;
const SCALE = Math.max(0.01, Number(process.env.WORKFLOW_PROPERTY_RUNS_SCALE ?? "1") || 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

interface Input {
  code: string;
  filename: string;
  root: string;
  moduleSpecifier?: string;
}

const ROOT = "/virtual/project";

function options(input: Input, mode: TransformMode) {
  return {
    filename: input.filename,
    root: input.root,
    mode,
    ...(input.moduleSpecifier !== undefined ? { moduleSpecifier: input.moduleSpecifier } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing outputs
// ---------------------------------------------------------------------------------------------

function extensionOf(filename: string): string {
  return /\.[^./\\]+$/.exec(filename)?.[0].toLowerCase() ?? "";
}

/** Plugins by extension: typescript for .ts, jsx for .tsx/.jsx, always decorators. */
function pluginsFor(filename: string, withJsx = false): ParserPlugin[] {
  const ext = extensionOf(filename);
  const plugins: ParserPlugin[] = ["decorators", "explicitResourceManagement", "importAttributes"];
  if ([".ts", ".tsx", ".mts", ".cts"].includes(ext)) plugins.push("typescript");
  if (ext === ".tsx" || ext === ".jsx" || withJsx) plugins.push("jsx");
  return plugins;
}

type BabelFile = ReturnType<typeof parse>;

/** Parses a module; `.js`-like files may hold JSX, so they get a second try with the plugin. */
function parseModule(code: string, filename: string): { ast: BabelFile } | { error: Error } {
  const attempt = (withJsx: boolean) =>
    parse(code, {
      sourceType: "module",
      plugins: pluginsFor(filename, withJsx),
      errorRecovery: false,
    });
  try {
    return { ast: attempt(false) };
  } catch (error) {
    const ext = extensionOf(filename);
    if ([".js", ".mjs", ".cjs"].includes(ext)) {
      try {
        return { ast: attempt(true) };
      } catch {
        // report the first error
      }
    }
    return { error: error as Error };
  }
}

interface AnyNode {
  type: string;
  [key: string]: unknown;
}

function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (!node || typeof node !== "object" || typeof (node as AnyNode).type !== "string") return;
  visit(node as AnyNode);
  for (const key of Object.keys(node)) {
    if (
      key === "loc" ||
      key === "leadingComments" ||
      key === "trailingComments" ||
      key === "innerComments" ||
      key === "extra"
    )
      continue;
    walk((node as Record<string, unknown>)[key], visit);
  }
}

function stringValue(node: unknown): string | undefined {
  const n = node as AnyNode | undefined;
  if (!n) return undefined;
  if (n.type === "StringLiteral") return n.value as string;
  if (n.type === "TemplateLiteral" && (n.expressions as unknown[]).length === 0) {
    const quasis = n.quasis as { value: { cooked?: string } }[];
    return quasis[0]?.value.cooked;
  }
  return undefined;
}

/** `<obj>[Symbol.for("WORKFLOW_USE_STEP")](id, …)` calls: their literal first arguments. */
function useStepIds(ast: BabelFile): string[] {
  const ids: string[] = [];
  walk(ast.program, (node) => {
    if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return;
    const callee = node.callee as AnyNode;
    if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return;
    if (!callee.computed) return;
    const property = callee.property as AnyNode;
    if (property.type !== "CallExpression") return;
    const symbolFor = property.callee as AnyNode;
    if (
      symbolFor.type !== "MemberExpression" ||
      (symbolFor.object as AnyNode).type !== "Identifier" ||
      (symbolFor.object as AnyNode).name !== "Symbol" ||
      (symbolFor.property as AnyNode).name !== "for"
    )
      return;
    if (stringValue((property.arguments as unknown[])[0]) !== "WORKFLOW_USE_STEP") return;
    const id = stringValue((node.arguments as unknown[])[0]);
    if (id !== undefined) ids.push(id);
  });
  return ids;
}

// @babel/traverse is CommonJS: under Node's ESM its default export arrives as `.default`.
type Traverse = typeof traverseModule.default;
const traverse: Traverse =
  (traverseModule as unknown as { default?: Traverse }).default ??
  (traverseModule as unknown as Traverse);

/** Nodes whose identifiers live in type space (erased), not in value space. */
const TYPE_LEVEL = new Set([
  "TSTypeAnnotation",
  "TSTypeParameterInstantiation",
  "TSTypeParameterDeclaration",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSDeclareFunction",
  "TSDeclareMethod",
  "TSExpressionWithTypeArguments",
  "TSClassImplements",
  "TSInterfaceHeritage",
  "TSTypeReference",
  "TSTypeQuery",
  "TSQualifiedName",
  "TSIndexSignature",
  "TSModuleDeclaration",
  "TSImportType",
]);

/** Identifiers read or written in value positions that no scope of the module declares. */
function freeVariables(ast: BabelFile): Set<string> {
  const free = new Set<string>();
  const visit = (path: NodePath) => {
    const name = (path.node as unknown as { name: string }).name;
    if (path.scope.hasBinding(name, true)) return;
    if (
      path.findParent(
        (p) => TYPE_LEVEL.has(p.node.type) || (p.node as { declare?: boolean }).declare === true,
      )
    )
      return;
    free.add(name);
  };
  traverse(ast, {
    ReferencedIdentifier: visit,
    // assignments to undeclared names (`x = 1`) are free too
    AssignmentExpression(path) {
      const left = path.get("left");
      if (left.isIdentifier()) visit(left);
    },
  });
  return free;
}

/** How each name is declared in a module: `kind@scope` (e.g. `const@BlockStatement`), for grouping failures. */
function bindingKinds(ast: BabelFile): Map<string, string> {
  const kinds = new Map<string, string>();
  traverse(ast, {
    Scopable(path) {
      for (const [name, binding] of Object.entries(path.scope.bindings))
        if (!kinds.has(name)) kinds.set(name, `${binding.kind}@${path.scope.block.type}`);
    },
  });
  return kinds;
}

/** Names the hooks of the contract may introduce as globals. */
const HOOK_GLOBALS = new Set(["globalThis", "Symbol", "Object", "Map", "Error"]);

function patternNames(node: AnyNode | null | undefined, out: string[]): void {
  if (!node) return;
  switch (node.type) {
    case "Identifier":
      out.push(node.name as string);
      break;
    case "ObjectPattern":
      for (const p of node.properties as AnyNode[])
        patternNames(p.type === "RestElement" ? p : (p.value as AnyNode), out);
      break;
    case "ArrayPattern":
      for (const e of node.elements as (AnyNode | null)[]) patternNames(e, out);
      break;
    case "RestElement":
      patternNames(node.argument as AnyNode, out);
      break;
    case "AssignmentPattern":
      patternNames(node.left as AnyNode, out);
      break;
  }
}

/** The module's exported names (`default`, `* from "x"` for star re-exports), sorted. */
function exportedNames(ast: BabelFile): string[] {
  const out: string[] = [];
  const nameOf = (n: AnyNode) =>
    n.type === "StringLiteral" ? (n.value as string) : (n.name as string);
  for (const stmt of ast.program.body as unknown as AnyNode[]) {
    if (stmt.type === "ExportDefaultDeclaration") out.push("default");
    else if (stmt.type === "ExportAllDeclaration")
      out.push(`* from ${JSON.stringify((stmt.source as AnyNode).value)}`);
    else if (stmt.type === "TSExportAssignment") out.push("export =");
    else if (stmt.type === "ExportNamedDeclaration") {
      const decl = stmt.declaration as AnyNode | null;
      if (decl?.type === "VariableDeclaration")
        for (const d of decl.declarations as AnyNode[]) patternNames(d.id as AnyNode, out);
      else if (decl && decl.id) out.push(nameOf(decl.id as AnyNode));
      for (const spec of (stmt.specifiers as AnyNode[]) ?? [])
        out.push(nameOf(spec.exported as AnyNode));
    }
  }
  return out.sort();
}

function stringLiterals(ast: BabelFile): Set<string> {
  const out = new Set<string>();
  walk(ast.program, (node) => {
    const value = stringValue(node);
    if (value !== undefined) out.add(value);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluating one input
// ---------------------------------------------------------------------------------------------

const CATEGORIES = [
  "throws",
  "internal-error",
  "unparsable-output",
  "error-but-code-changed",
  "malformed-diagnostic",
  "manifest-differs-between-modes",
  "step-id-missing-in-step-mode",
  "syntax-error-not-reported",
  "diagnostics-differ-between-modes",
  "embedded-manifest-mismatch",
  "exports-changed",
  "new-free-variable",
] as const;
type Category = (typeof CATEGORIES)[number];

interface Violation {
  category: Category;
  mode?: TransformMode;
  /** Short, stable description used to keep minimisation on the same failure. */
  kind: string;
  detail: string;
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

function normalizeJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function clip(text: string, max = 4000): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

function stableKind(message: string): string {
  return message
    .split("\n")[0]!
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "S")
    .replace(/\d+/g, "N")
    .slice(0, 120);
}

function checkDiagnostic(d: Diagnostic, lines: string[]): string | null {
  if (!d || typeof d !== "object") return "diagnostic is not an object";
  if (typeof d.code !== "string" || d.code.length === 0) return "missing code";
  if (!/^[A-Z][A-Z0-9_]*$/.test(d.code))
    return `code ${JSON.stringify(d.code)} is not SCREAMING_SNAKE`;
  if (d.severity !== "error" && d.severity !== "warning")
    return `bad severity ${JSON.stringify(d.severity)}`;
  if (typeof d.message !== "string" || d.message.trim().length === 0) return "missing message";
  if (!d.loc || typeof d.loc !== "object") return "missing loc";
  const { line, column } = d.loc;
  if (!Number.isInteger(line) || line < 1 || line > lines.length)
    return `line ${String(line)} outside 1..${lines.length}`;
  if (!Number.isInteger(column) || column < 0)
    return `column ${String(column)} is not an integer >= 0`;
  const lineLength = lines[line - 1]!.length;
  if (column > lineLength)
    return `column ${column} beyond the end of line ${line} (length ${lineLength})`;
  if (typeof d.frame !== "string" || d.frame.trim().length === 0) return "empty frame";
  return null;
}

function describeDiagnostics(ds: readonly Diagnostic[]): string {
  return (
    ds
      .map((d) => `${d.severity} ${d.code} @${d.loc?.line}:${d.loc?.column} ${d.message}`)
      .join("\n") || "(none)"
  );
}

const MENTIONS_DIRECTIVE = /use step|use workflow|workflow-serialize/;
const MANIFEST_COMMENT = "*__internal_workflows";

const cache = new Map<string, Violation[]>();
let transformCalls = 0;
let evaluatedInputs = 0;
/** What the inputs exercised, reported by the last test. */
const stats = {
  withErrors: 0,
  changed: 0,
  useStepIdsChecked: 0,
  diagnosticCodes: new Map<string, number>(),
};

function evaluate(input: Input): Violation[] {
  const key = JSON.stringify(input);
  const cached = cache.get(key);
  if (cached) return cached;
  const violations = evaluateUncached(input);
  cache.set(key, violations);
  return violations;
}

function evaluateUncached(input: Input): Violation[] {
  evaluatedInputs++;
  const out: Violation[] = [];
  const results = new Map<TransformMode, TransformResult>();
  const lines = input.code.split(LINE_BREAK);
  let inputParse: ReturnType<typeof parseModule> | undefined;
  const inputParses = () => (inputParse ??= parseModule(input.code, input.filename));
  const parsedOutputs = new Map<TransformMode, BabelFile>();

  for (const mode of MODES) {
    let result: TransformResult;
    try {
      transformCalls++;
      result = transform(input.code, options(input, mode));
    } catch (error) {
      const e = error as Error;
      out.push({
        category: "throws",
        mode,
        kind: `${e?.name}: ${stableKind(String(e?.message))}`,
        detail: `transform threw in ${mode} mode:\n${e?.stack ?? String(e)}`,
      });
      continue;
    }
    results.set(mode, result);
    const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
    const hasError = diagnostics.some((d) => d?.severity === "error");
    if (mode === "workflow") {
      if (hasError) stats.withErrors++;
      for (const d of diagnostics)
        stats.diagnosticCodes.set(d?.code, (stats.diagnosticCodes.get(d?.code) ?? 0) + 1);
    }
    if (result.code !== input.code) stats.changed++;

    for (const d of diagnostics) {
      if (d?.code === "INTERNAL_ERROR")
        out.push({
          category: "internal-error",
          mode,
          kind: stableKind(String(d.message)),
          detail: `transform crashed internally in ${mode} mode and reported it:\n${d.message}\n${d.frame ?? ""}`,
        });
      const problem = checkDiagnostic(d, lines);
      if (problem)
        out.push({
          category: "malformed-diagnostic",
          mode,
          kind: `${d?.code}: ${problem.replace(/\d+/g, "N")}`,
          detail: `${problem}\ndiagnostic: ${JSON.stringify(d, null, 2)}`,
        });
    }

    if (hasError) {
      if (result.code !== input.code)
        out.push({
          category: "error-but-code-changed",
          mode,
          kind: "changed",
          detail: `diagnostics:\n${describeDiagnostics(diagnostics)}\noutput:\n${clip(result.code)}`,
        });
      continue;
    }

    const parsed = parseModule(result.code, input.filename);
    if ("ast" in parsed) {
      parsedOutputs.set(mode, parsed.ast);
    } else {
      const unchanged = result.code === input.code;
      const exempt = unchanged && !MENTIONS_DIRECTIVE.test(input.code) && "error" in inputParses();
      if (!exempt) {
        const err = parsed.error as Error & {
          reasonCode?: string;
          loc?: { line: number; column: number };
        };
        const at = err.loc ? lineAt(result.code, err.loc.line, err.loc.column) : "";
        out.push({
          category: "unparsable-output",
          mode,
          kind: err.reasonCode ?? stableKind(err.message),
          detail:
            `output of ${mode} mode does not parse: ${err.message}\n${at}` +
            `diagnostics:\n${describeDiagnostics(diagnostics)}\noutput:\n${clip(result.code)}`,
        });
      }
    }

    if (MENTIONS_DIRECTIVE.test(input.code) && "error" in inputParses())
      out.push({
        category: "syntax-error-not-reported",
        mode,
        kind: "missing",
        detail:
          `input does not parse (${(inputParses() as { error: Error }).error.message}) ` +
          `but ${mode} mode reports no error; diagnostics:\n${describeDiagnostics(diagnostics)}`,
      });

    // embedded manifest
    const manifest = normalizeJson(result.manifest) as
      Record<string, Record<string, unknown>> | undefined;
    const declaresAnything =
      !!manifest &&
      Object.values(manifest).some((byFile) => byFile && Object.keys(byFile).length > 0);
    const ast = parsedOutputs.get(mode);
    if (ast && declaresAnything) {
      const comment = ast.comments?.find(
        (c) => c.type === "CommentBlock" && c.value.startsWith(MANIFEST_COMMENT),
      );
      let embedded: unknown = undefined;
      let problem: string | null = null;
      if (!comment) problem = "no /**__internal_workflows…*/ comment";
      else {
        try {
          embedded = JSON.parse(comment.value.slice(MANIFEST_COMMENT.length));
        } catch (error) {
          problem = `comment JSON does not parse: ${(error as Error).message}`;
        }
        if (!problem && !isDeepStrictEqual(normalizeJson(embedded), manifest))
          problem = "comment JSON differs from result.manifest";
      }
      if (problem)
        out.push({
          category: "embedded-manifest-mismatch",
          mode,
          kind: problem.replace(/:.*/, ""),
          detail:
            `${problem}\nresult.manifest: ${JSON.stringify(manifest)}\n` +
            `comment: ${comment ? clip(comment.value, 2000) : "(none)"}`,
        });
    }
  }

  // 5. manifest identical across modes
  const manifests = MODES.filter((m) => results.has(m)).map(
    (m) => [m, normalizeJson(results.get(m)!.manifest)] as const,
  );
  for (const [mode, manifest] of manifests.slice(1)) {
    if (!isDeepStrictEqual(manifest, manifests[0]![1]))
      out.push({
        category: "manifest-differs-between-modes",
        mode,
        kind: `${manifests[0]![0]}-vs-${mode}`,
        detail:
          `${manifests[0]![0]} manifest: ${JSON.stringify(manifests[0]![1])}\n` +
          `${mode} manifest: ${JSON.stringify(manifest)}`,
      });
  }

  // diagnostics identical across modes
  const diagKeys = MODES.filter((m) => results.has(m)).map((m) => {
    const ds = results.get(m)!.diagnostics ?? [];
    return [
      m,
      ds
        .map((d) => `${d?.severity} ${d?.code} @${d?.loc?.line}:${d?.loc?.column}`)
        .sort()
        .join("\n"),
    ] as const;
  });
  for (const [mode, keys] of diagKeys.slice(1)) {
    if (keys !== diagKeys[0]![1])
      out.push({
        category: "diagnostics-differ-between-modes",
        mode,
        kind: `${diagKeys[0]![0]}-vs-${mode}`,
        detail: `${diagKeys[0]![0]}:\n${diagKeys[0]![1] || "(none)"}\n${mode}:\n${keys || "(none)"}`,
      });
  }

  // the module's exports, and what it reads from outside, survive every mode
  const inputParsed = inputParses();
  if ("ast" in inputParsed) {
    let inputExports: string[] | undefined;
    let inputFree: Set<string> | undefined;
    for (const [mode, ast] of parsedOutputs) {
      const result = results.get(mode)!;
      if (result.code === input.code) continue;
      inputExports ??= exportedNames(inputParsed.ast);
      const outputExports = exportedNames(ast);
      if (!isDeepStrictEqual(inputExports, outputExports))
        out.push({
          category: "exports-changed",
          mode,
          kind: "changed",
          detail:
            `input exports:  ${JSON.stringify(inputExports)}\n${mode} exports: ${JSON.stringify(outputExports)}\n` +
            `output:\n${clip(result.code)}`,
        });
      try {
        inputFree ??= freeVariables(inputParsed.ast);
        const added = [...freeVariables(ast)].filter(
          (name) => !inputFree!.has(name) && !HOOK_GLOBALS.has(name),
        );
        if (added.length > 0)
          out.push({
            category: "new-free-variable",
            mode,
            kind: `${bindingKinds(inputParsed.ast).get(added[0]!) ?? "undeclared"}`,
            detail:
              `${mode} output reads or writes ${JSON.stringify(added)}, which nothing declares ` +
              `(a ReferenceError at run time; the input has no such free variable)\noutput:\n${clip(result.code)}`,
          });
      } catch (error) {
        // scope analysis of an unusual but valid module failed: not the transform's problem
        void error;
      }
    }
  }

  // 6. step IDs used in workflow mode exist in step mode
  const workflowAst = parsedOutputs.get("workflow");
  const stepAst = parsedOutputs.get("step");
  if (workflowAst && stepAst) {
    const known = stringLiterals(stepAst);
    const ids = [...new Set(useStepIds(workflowAst))];
    stats.useStepIdsChecked += ids.length;
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0)
      out.push({
        category: "step-id-missing-in-step-mode",
        mode: "step",
        kind: "missing",
        detail:
          `step IDs used in workflow mode but absent from step mode: ${JSON.stringify(missing)}\n` +
          `workflow output:\n${clip(results.get("workflow")!.code)}\nstep output:\n${clip(results.get("step")!.code)}`,
      });
  }
  return out;
}

function lineAt(code: string, line: number, column: number): string {
  const text = code.split(LINE_BREAK)[line - 1] ?? "";
  return `  ${line} | ${text}\n  ${" ".repeat(String(line).length)} | ${" ".repeat(column)}^\n`;
}

function formatInput(input: Input): string {
  const spec =
    input.moduleSpecifier !== undefined
      ? `, moduleSpecifier: ${JSON.stringify(input.moduleSpecifier)}`
      : "";
  return `filename: ${JSON.stringify(input.filename)}, root: ${JSON.stringify(input.root)}${spec}\n----- input -----\n${input.code}\n----- end of input -----`;
}

function formatViolation(v: Violation, input: Input): string {
  return `[${v.category}]${v.mode ? ` mode=${v.mode}` : ""}\n${formatInput(input)}\n${v.detail}`;
}

// ---------------------------------------------------------------------------------------------
// Minimisation of a counterexample (after fast-check's own shrinking)
// ---------------------------------------------------------------------------------------------

function minimize(input: Input, same: (v: Violation) => boolean, budgetMs = 20_000): Input {
  const deadline = Date.now() + budgetMs;
  const fails = (code: string) => evaluate({ ...input, code }).some(same);
  let code = input.code;
  const splitters: ((s: string) => string[])[] = [
    (s) => s.split(/(?<=\n)/),
    (s) => s.match(/\s+|[A-Za-z0-9_$]+|[\s\S]/g) ?? [],
    (s) => Array.from(s),
  ];
  for (const split of splitters) {
    let units = split(code);
    let n = 2;
    while (units.length >= 2 && Date.now() < deadline) {
      const chunk = Math.ceil(units.length / n);
      let reduced = false;
      for (let i = 0; i < units.length && Date.now() < deadline; i += chunk) {
        const candidate = [...units.slice(0, i), ...units.slice(i + chunk)];
        if (fails(candidate.join(""))) {
          units = candidate;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= units.length) break;
        n = Math.min(units.length, n * 2);
      }
    }
    code = units.join("");
  }
  return { ...input, code };
}

// ---------------------------------------------------------------------------------------------
// Grammar-based generator
// ---------------------------------------------------------------------------------------------

const GOOD_DIRECTIVES = ['"use step"', "'use step'", '"use workflow"', "'use workflow'"] as const;
const BAD_DIRECTIVES = [
  '"use steps"',
  '"Use step"',
  '"use setp"',
  '"use  step"',
  "'use-step'",
  '"use workflows"',
  '"use Workflow"',
  '"useworkflow"',
  '"use step "',
  "`use step`",
  '"use strict"',
  '"use client"',
  '"use server"',
  "('use step')",
  '"use\\x20step"',
  '"use stepp"',
  '"use wokflow"',
  '"USE STEP"',
] as const;

const directiveArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 7, arbitrary: fc.constantFrom(...GOOD_DIRECTIVES) },
  { weight: 3, arbitrary: fc.constantFrom(...BAD_DIRECTIVES) },
);

type DirPos = "first" | "noSemi" | "comment" | "lineComment" | "afterStrict" | "late";
interface DirSpec {
  text: string;
  pos: DirPos;
}
type ParamKind = "plain" | "default" | "object" | "array" | "rest" | "this";
interface FnSpec {
  isAsync: boolean;
  dir: DirSpec | null;
  params: ParamKind[];
  body: Stmt[];
  annotate: boolean;
}

type Expr =
  | { t: "ref"; i: number }
  | { t: "lit"; k: number }
  | { t: "global"; k: number }
  | { t: "helper"; i: number; arg: number }
  | { t: "this" }
  | { t: "bin"; op: number; a: Expr; b: Expr }
  | { t: "await"; e: Expr }
  | { t: "tmpl"; e: Expr }
  | { t: "arrowExpr"; e: Expr }
  | { t: "ts"; e: Expr }
  | { t: "jsx"; e: Expr };

type NestedForm =
  | "decl"
  | "arrow"
  | "fnexpr"
  | "namedFnexpr"
  | "map"
  | "callback"
  | "iife"
  | "objMethod"
  | "gen"
  | "letAssign"
  | "returned";

type Stmt =
  | { t: "const"; e: Expr }
  | { t: "let"; e: Expr }
  | { t: "assign"; i: number }
  | { t: "expr"; e: Expr }
  | { t: "call"; i: number; args: Expr[] }
  | { t: "return"; e: Expr }
  | { t: "dir"; text: string }
  | { t: "this" }
  | { t: "super" }
  | { t: "newTarget" }
  | { t: "arguments" }
  | { t: "jsx"; i: number }
  | { t: "forOf"; body: Stmt[]; isAwait: boolean; i: number }
  | { t: "forI"; body: Stmt[] }
  | { t: "if"; e: Expr; body: Stmt[]; alt: Stmt[] }
  | { t: "try"; body: Stmt[]; handler: Stmt[] }
  | { t: "block"; body: Stmt[] }
  | { t: "nested"; form: NestedForm; fn: FnSpec; callIt: boolean }
  | { t: "obj"; obj: ObjSpec }
  | { t: "class"; cls: ClassSpec };

type PropVal =
  | { t: "method"; fn: FnSpec; gen: boolean }
  | { t: "arrow"; fn: FnSpec }
  | { t: "fnexpr"; fn: FnSpec; named: boolean }
  | { t: "obj"; obj: ObjSpec }
  | { t: "value"; e: Expr }
  | { t: "getter" }
  | { t: "spread"; i: number };
interface Prop {
  key: number;
  val: PropVal;
}
interface ObjSpec {
  wrap: number;
  props: Prop[];
}

type MemberKind =
  | "method"
  | "ser"
  | "deser"
  | "field"
  | "fieldArrow"
  | "getter"
  | "ctor"
  | "privField"
  | "privMethod"
  | "staticBlock";
interface Member {
  kind: MemberKind;
  isStatic: boolean;
  key: number;
  fn: FnSpec;
  gen: boolean;
}
interface ClassSpec {
  decorator: boolean;
  ext: boolean;
  members: Member[];
}

type Exp = "none" | "named" | "default" | "list" | "listAlias";
type FnForm =
  | "decl"
  | "anonDecl"
  | "arrow"
  | "fnexpr"
  | "namedFnexpr"
  | "arrowExpr"
  | "multi"
  | "gen"
  | "wrapped"
  | "letAssign";
type Item =
  | { t: "import"; k: number }
  | { t: "fn"; exp: Exp; form: FnForm; fn: FnSpec; fn2: FnSpec }
  | { t: "obj"; exp: Exp; obj: ObjSpec }
  | { t: "class"; exp: Exp; cls: ClassSpec; asExpr: boolean }
  | { t: "helper"; k: number }
  | { t: "dir"; text: string }
  | { t: "comment"; k: number }
  | { t: "ts"; k: number }
  | { t: "stmt"; s: Stmt }
  | { t: "reexport"; k: number };

interface ModuleSpec {
  /** Only legal directives (most modules): otherwise nearly every module has an error diagnostic. */
  clean: boolean;
  hashbang: boolean;
  leadingComment: boolean;
  prologue: string[];
  items: Item[];
  ext: string;
  dir: number;
  base: number;
  absolute: boolean;
  spec: number;
}

const exprArbs = new Map<number, fc.Arbitrary<Expr>>();
function exprArb(depth: number): fc.Arbitrary<Expr> {
  const cached = exprArbs.get(depth);
  if (cached) return cached;
  const leaves: fc.WeightedArbitrary<Expr>[] = [
    { weight: 5, arbitrary: fc.record({ t: fc.constant("ref" as const), i: fc.nat(40) }) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("lit" as const), k: fc.nat(LITERALS.length - 1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("global" as const), k: fc.nat(GLOBALS.length - 1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("helper" as const), i: fc.nat(40), arg: fc.nat(40) }),
    },
    { weight: 1, arbitrary: fc.constant({ t: "this" as const }) },
  ];
  let arb: fc.Arbitrary<Expr>;
  if (depth <= 0) arb = fc.oneof(...leaves);
  else {
    const sub = exprArb(depth - 1);
    arb = fc.oneof(
      ...leaves,
      {
        weight: 1,
        arbitrary: fc.record({ t: fc.constant("bin" as const), op: fc.nat(3), a: sub, b: sub }),
      },
      { weight: 2, arbitrary: fc.record({ t: fc.constant("await" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("tmpl" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("arrowExpr" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("ts" as const), e: sub }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("jsx" as const), e: sub }) },
    );
  }
  exprArbs.set(depth, arb);
  return arb;
}

const dirSpecArb: fc.Arbitrary<DirSpec> = fc.record({
  text: directiveArb,
  pos: fc.oneof(
    { weight: 8, arbitrary: fc.constant("first" as const) },
    {
      weight: 4,
      arbitrary: fc.constantFrom<DirPos>("noSemi", "comment", "lineComment", "afterStrict", "late"),
    },
  ),
});

const paramsArb: fc.Arbitrary<ParamKind[]> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constant("plain" as const) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<ParamKind>("default", "object", "array", "rest", "this"),
    },
  ),
  { maxLength: 3 },
);

const fnArbs = new Map<number, fc.Arbitrary<FnSpec>>();
function fnArb(depth: number): fc.Arbitrary<FnSpec> {
  const cached = fnArbs.get(depth);
  if (cached) return cached;
  const arb = fc.record({
    isAsync: fc.oneof(
      { weight: 9, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    dir: fc.oneof(
      { weight: 4, arbitrary: dirSpecArb },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    params: paramsArb,
    body: stmtsArb(depth),
    annotate: fc.boolean(),
  });
  fnArbs.set(depth, arb);
  return arb;
}

const stmtsArbs = new Map<number, fc.Arbitrary<Stmt[]>>();
function stmtsArb(depth: number): fc.Arbitrary<Stmt[]> {
  const cached = stmtsArbs.get(depth);
  if (cached) return cached;
  const arb = fc.array(stmtArb(depth), { maxLength: depth >= 2 ? 4 : 2 });
  stmtsArbs.set(depth, arb);
  return arb;
}

const NESTED_FORMS: NestedForm[] = [
  "decl",
  "arrow",
  "fnexpr",
  "namedFnexpr",
  "map",
  "callback",
  "iife",
  "objMethod",
  "gen",
  "letAssign",
  "returned",
];

const stmtArbs = new Map<number, fc.Arbitrary<Stmt>>();
function stmtArb(depth: number): fc.Arbitrary<Stmt> {
  const cached = stmtArbs.get(depth);
  if (cached) return cached;
  const e = exprArb(1);
  const leaves: fc.WeightedArbitrary<Stmt>[] = [
    { weight: 3, arbitrary: fc.record({ t: fc.constant("const" as const), e }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("let" as const), e }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("assign" as const), i: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant("expr" as const), e }) },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant("call" as const),
        i: fc.nat(40),
        args: fc.array(e, { maxLength: 2 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("return" as const), e }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("dir" as const), text: directiveArb }) },
    { weight: 1, arbitrary: fc.constant({ t: "this" as const }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Stmt>({ t: "super" }, { t: "newTarget" }, { t: "arguments" }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("jsx" as const), i: fc.nat(20) }) },
  ];
  let arb: fc.Arbitrary<Stmt>;
  if (depth <= 0) arb = fc.oneof(...leaves);
  else {
    const body = stmtsArb(depth - 1);
    arb = fc.oneof(
      ...leaves,
      {
        weight: 2,
        arbitrary: fc.record({
          t: fc.constant("forOf" as const),
          body,
          isAwait: fc.boolean(),
          i: fc.nat(20),
        }),
      },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("forI" as const), body }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("if" as const), e, body, alt: body }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("try" as const), body, handler: body }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant("block" as const), body }) },
      {
        weight: 6,
        arbitrary: fc.record({
          t: fc.constant("nested" as const),
          form: fc.constantFrom(...NESTED_FORMS),
          fn: fnArb(depth - 1),
          callIt: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ t: fc.constant("obj" as const), obj: objArb(depth - 1) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ t: fc.constant("class" as const), cls: classArb(depth - 1) }),
      },
    );
  }
  stmtArbs.set(depth, arb);
  return arb;
}

const objArbs = new Map<number, fc.Arbitrary<ObjSpec>>();
function objArb(depth: number): fc.Arbitrary<ObjSpec> {
  const cached = objArbs.get(depth);
  if (cached) return cached;
  const fn = fnArb(Math.max(0, depth));
  const vals: fc.WeightedArbitrary<PropVal>[] = [
    {
      weight: 4,
      arbitrary: fc.record({ t: fc.constant("method" as const), fn, gen: fc.boolean() }),
    },
    { weight: 3, arbitrary: fc.record({ t: fc.constant("arrow" as const), fn }) },
    {
      weight: 2,
      arbitrary: fc.record({ t: fc.constant("fnexpr" as const), fn, named: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("value" as const), e: exprArb(0) }) },
    { weight: 1, arbitrary: fc.constant({ t: "getter" as const }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("spread" as const), i: fc.nat(20) }) },
  ];
  if (depth > 0)
    vals.push({
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("obj" as const), obj: objArb(depth - 1) }),
    });
  const arb = fc.record({
    wrap: fc.nat(7),
    props: fc.array(fc.record({ key: fc.nat(PROP_KEYS.length - 1), val: fc.oneof(...vals) }), {
      minLength: 1,
      maxLength: 4,
    }),
  });
  objArbs.set(depth, arb);
  return arb;
}

const classArbs = new Map<number, fc.Arbitrary<ClassSpec>>();
function classArb(depth: number): fc.Arbitrary<ClassSpec> {
  const cached = classArbs.get(depth);
  if (cached) return cached;
  const member: fc.Arbitrary<Member> = fc.record({
    kind: fc.oneof(
      { weight: 6, arbitrary: fc.constant("method" as const) },
      { weight: 2, arbitrary: fc.constantFrom<MemberKind>("ser", "deser") },
      {
        weight: 2,
        arbitrary: fc.constantFrom<MemberKind>(
          "field",
          "fieldArrow",
          "getter",
          "ctor",
          "privField",
          "privMethod",
          "staticBlock",
        ),
      },
    ),
    isStatic: fc.boolean(),
    key: fc.nat(CLASS_KEYS.length - 1),
    fn: fnArb(Math.max(0, depth)),
    gen: fc.oneof(
      { weight: 9, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  });
  const arb = fc.record({
    decorator: fc.oneof(
      { weight: 9, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    ext: fc.boolean(),
    members: fc.array(member, { maxLength: 5 }),
  });
  classArbs.set(depth, arb);
  return arb;
}

const expArb: fc.Arbitrary<Exp> = fc.oneof(
  { weight: 4, arbitrary: fc.constant("named" as const) },
  { weight: 2, arbitrary: fc.constant("none" as const) },
  { weight: 2, arbitrary: fc.constant("default" as const) },
  { weight: 1, arbitrary: fc.constantFrom<Exp>("list", "listAlias") },
);

const FN_FORMS: FnForm[] = [
  "decl",
  "anonDecl",
  "arrow",
  "fnexpr",
  "namedFnexpr",
  "arrowExpr",
  "multi",
  "gen",
  "wrapped",
  "letAssign",
];

const itemArb = (): fc.Arbitrary<Item> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("import" as const), k: fc.nat(IMPORTS_COUNT() - 1) }),
    },
    {
      weight: 10,
      arbitrary: fc.record({
        t: fc.constant("fn" as const),
        exp: expArb,
        form: fc.oneof(
          { weight: 4, arbitrary: fc.constant("decl" as const) },
          { weight: 3, arbitrary: fc.constantFrom<FnForm>(...FN_FORMS) },
        ),
        fn: fnArb(2),
        fn2: fnArb(1),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("obj" as const), exp: expArb, obj: objArb(2) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant("class" as const),
        exp: expArb,
        cls: classArb(2),
        asExpr: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant("helper" as const), k: fc.nat(HELPERS_COUNT - 1) }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("dir" as const), text: directiveArb }) },
    {
      weight: 1,
      arbitrary: fc.record({ t: fc.constant("comment" as const), k: fc.nat(COMMENTS.length - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ t: fc.constant("ts" as const), k: fc.nat(TS_ITEMS_COUNT - 1) }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("stmt" as const), s: stmtArb(2) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("reexport" as const), k: fc.nat(2) }) },
  );

const EXTENSIONS = [
  ".ts",
  ".ts",
  ".ts",
  ".tsx",
  ".tsx",
  ".js",
  ".js",
  ".jsx",
  ".mjs",
  ".mts",
  ".cts",
];
const DIRS = [
  "src",
  "app/workflows",
  "lib/steps-dir",
  "packages/my-pkg/src",
  "weird dir/with space",
  "src/we*",
  "it's",
  "über",
  "",
];
const BASES = ["workflow", "steps", "index", "my-file", "order.service", "input", "types.d", "a*"];
const SPECIFIERS = ["my-pkg@1.0.0", "@scope/pkg/sub@2.3.4-beta.1", "weird*/pkg@0.0.0"];

const moduleSpecArb = (): fc.Arbitrary<ModuleSpec> =>
  fc.record({
    clean: fc.oneof(
      { weight: 3, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    hashbang: fc.oneof(
      { weight: 19, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    leadingComment: fc.oneof(
      { weight: 4, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    prologue: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 2, arbitrary: fc.array(directiveArb, { minLength: 1, maxLength: 2 }) },
    ),
    items: fc.array(itemArb(), { minLength: 1, maxLength: 6 }),
    ext: fc.constantFrom(...EXTENSIONS),
    dir: fc.nat(DIRS.length - 1),
    base: fc.nat(BASES.length - 1),
    absolute: fc.boolean(),
    spec: fc.nat(SPECIFIERS.length * 6 - 1),
  });

// --- rendering -------------------------------------------------------------------------------

const LITERALS = [
  "42",
  '"text"',
  "null",
  "[1, 2, 3]",
  "{ a: 1, b: 'x' }",
  "true",
  "1n",
  "/re+/g",
  "'*/'",
  '"use step"',
  "`use workflow`",
  "undefined",
];
const GLOBALS = [
  "Math.max(1, 2)",
  "Date.now()",
  "fetch('https://example.com')",
  "process.env.API_KEY",
  "JSON.stringify({ a: 1 })",
  "console.log('hi')",
  "crypto.randomUUID()",
  "undeclaredGlobal",
  "globalThis.someFlag",
  "Symbol.for('x')",
  "new Map()",
  "setTimeout",
  "structuredClone({})",
  "Promise.resolve(1)",
];
const PROP_KEYS = [
  "execute",
  "search",
  "run",
  "handler",
  "onFinish",
  "tools",
  "default",
  "async",
  "get",
  "new",
  "class",
  '"get-user"',
  '"my key"',
  '"a*/b"',
  '"*/"',
  "'it\\'s'",
  '"q\\"uote"',
  '"back\\\\slash"',
  '"ünï"',
  '""',
  '"a/b"',
  '"use step"',
  '"__proto__"',
  '"toString"',
  '"1abc"',
  '"\\u0041"',
  '"line\\nbreak"',
  '"a#b"',
  '"${x}"',
  '"back`tick"',
  "0",
  "1.5",
  "0x10",
  '["computed-" + 1]',
  "[Symbol.iterator]",
  "[`tmpl`]",
];
const CLASS_KEYS = [
  "run",
  "process",
  "execute",
  "save",
  "load",
  "default",
  "async",
  "static",
  "get",
  '"kebab-method"',
  '"a*/b"',
  "'it\\'s'",
  '"use step"',
  "[Symbol.iterator]",
  '["computed" + 1]',
  "0",
];
const COMMENTS = [
  '// "use step"',
  '/* "use workflow" */',
  "/** @deprecated */",
  "// use workflow is cool",
  "/* */ /* use step */",
];
const NAME_BASES = [
  "order",
  "user",
  "fetchData",
  "sendEmail",
  "charge",
  "total",
  "result",
  "payload",
  "handle",
  "process",
  "a",
  "_tmp",
  "$dollar",
  "café",
  "registerStepFunction",
  "getStepClosureVars",
  "__builtin_log",
  "_anonymousStep0",
  "wf",
];

interface Scope {
  vis: string[];
  lets: string[];
  fns: string[];
  isAsync: boolean;
  isGen: boolean;
  superOK: boolean;
  newTargetOK: boolean;
  argumentsOK: boolean;
  moduleLevel: boolean;
  /** Inside a function body (so `return` is allowed). */
  inFunction: boolean;
  /** Names declared in this block (a redeclaration would be a syntax error; shadowing is fine). */
  declared: Set<string>;
  indent: string;
}

/**
 * A name for a declaration in this scope. Inside functions names come from small pools, so they
 * often shadow outer ones (the closure analysis must cope); module-level names stay unique.
 */
function local(r: Renderer, sc: Scope, base: string): string {
  if (sc.moduleLevel) {
    const name = r.fresh(base);
    sc.declared.add(name);
    return name;
  }
  let name = base;
  while (sc.declared.has(name)) name = `${base}${++r.n}`;
  sc.declared.add(name);
  r.used.add(name);
  return name;
}

function localName(r: Renderer, sc: Scope, i: number): string {
  return local(r, sc, NAME_BASES[i % NAME_BASES.length]!);
}

class Renderer {
  readonly used = new Set<string>();
  readonly moduleFns: string[] = [];
  readonly moduleVals: string[] = [];
  readonly exportList: string[] = [];
  readonly exported = new Set<string>();
  hasDefault = false;
  n = 0;
  /** The module-level directive is a correct one (its exports must then be async functions). */
  moduleDirective = false;
  constructor(
    readonly ts: boolean,
    readonly jsx: boolean,
    /** Generate only legal directives (see `sanitize`). */
    readonly clean: boolean,
  ) {}

  fresh(base: string): string {
    let name = base;
    while (this.used.has(name)) name = `${base}${++this.n}`;
    this.used.add(name);
    return name;
  }

  pickName(i: number): string {
    return this.fresh(NAME_BASES[i % NAME_BASES.length]!);
  }

  exportName(name: string): boolean {
    if (this.exported.has(name)) return false;
    this.exported.add(name);
    return true;
  }

  takeDefault(): boolean {
    if (this.hasDefault) return false;
    this.hasDefault = true;
    return true;
  }
}

function child(sc: Scope, extra: Partial<Scope> = {}): Scope {
  return {
    ...sc,
    vis: [...sc.vis],
    lets: [...sc.lets],
    fns: [...sc.fns],
    declared: new Set<string>(),
    indent: sc.indent + "  ",
    moduleLevel: false,
    ...extra,
  };
}

function fnScope(
  sc: Scope,
  fn: FnSpec,
  kind: "arrow" | "function" | "method",
  isGen = false,
): Scope {
  const arrow = kind === "arrow";
  return child(sc, {
    isAsync: fn.isAsync,
    isGen,
    inFunction: true,
    superOK: arrow ? sc.superOK : kind === "method",
    newTargetOK: arrow ? sc.newTargetOK : true,
    argumentsOK: arrow ? sc.argumentsOK : true,
  });
}

function renderExpr(e: Expr, r: Renderer, sc: Scope): string {
  switch (e.t) {
    case "ref":
      return sc.vis.length > 0 ? sc.vis[e.i % sc.vis.length]! : "undefined";
    case "lit":
      return LITERALS[e.k % LITERALS.length]!;
    case "global":
      return GLOBALS[e.k % GLOBALS.length]!;
    case "helper": {
      const fns = [...sc.fns, ...r.moduleFns];
      if (fns.length === 0) return "helperMissing()";
      const arg = sc.vis.length > 0 ? sc.vis[e.arg % sc.vis.length]! : "";
      return `${fns[e.i % fns.length]!}(${arg})`;
    }
    case "this":
      return "this.value";
    case "bin": {
      const a = renderExpr(e.a, r, sc);
      const b = renderExpr(e.b, r, sc);
      return [`(${a} + ${b})`, `(${a} ?? ${b})`, `${a}?.[${b}]`, `[${a}, ...[${b}]]`][e.op % 4]!;
    }
    case "await":
      return sc.isAsync ? `(await ${renderExpr(e.e, r, sc)})` : renderExpr(e.e, r, sc);
    case "tmpl":
      return `\`value: \${${renderExpr(e.e, r, sc)}} */\``;
    case "arrowExpr":
      return `((item) => item + ${renderExpr(e.e, r, sc)})`;
    case "ts":
      return r.ts ? `(${renderExpr(e.e, r, sc)} as any)` : renderExpr(e.e, r, sc);
    case "jsx":
      return r.jsx
        ? `<div data-x={${renderExpr(e.e, r, sc)}}>{"use step"}</div>`
        : renderExpr(e.e, r, sc);
  }
}

function renderParams(fn: FnSpec, r: Renderer, sc: Scope, arrow: boolean): string {
  const out: string[] = [];
  let rest: string | null = null;
  let i = 0;
  for (const kind of fn.params) {
    const ann = r.ts && fn.annotate;
    switch (kind) {
      case "plain": {
        const name = local(r, sc, ["input", "items", "id", "count"][i++ % 4]!);
        sc.vis.push(name);
        out.push(ann ? `${name}: any` : name);
        break;
      }
      case "default": {
        const name = local(r, sc, "retries");
        sc.vis.push(name);
        out.push(ann ? `${name}: number = 3` : `${name} = 3`);
        break;
      }
      case "object": {
        const a = local(r, sc, "id");
        const b = local(r, sc, "opts");
        sc.vis.push(a, b);
        out.push(`{ ${a}, ${b} = {} }${ann ? ": any" : ""}`);
        break;
      }
      case "array": {
        const a = local(r, sc, "first");
        const b = local(r, sc, "second");
        sc.vis.push(a, b);
        out.push(`[${a}, , ${b}]${ann ? ": any[]" : ""}`);
        break;
      }
      case "rest": {
        if (rest === null) {
          rest = local(r, sc, "rest");
          sc.vis.push(rest);
        }
        break;
      }
      case "this":
        if (r.ts && !arrow && out.length === 0) out.push("this: any");
        break;
    }
  }
  if (rest !== null) out.push(`...${rest}${r.ts && fn.annotate ? ": any[]" : ""}`);
  return out.join(", ");
}

function renderBody(fn: FnSpec, r: Renderer, sc: Scope): string {
  const lines: string[] = [];
  // "use strict" in a function with non-simple parameters is a syntax error: keep that out
  const simple = fn.params.every((p) => p === "plain" || p === "this");
  const strict = simple ? '"use strict"' : '"use client"';
  const dir =
    fn.dir && !simple && fn.dir.text === '"use strict"' ? { ...fn.dir, text: strict } : fn.dir;
  if (dir) {
    switch (dir.pos) {
      case "first":
        lines.push(`${dir.text};`);
        break;
      case "noSemi":
        lines.push(dir.text);
        break;
      case "comment":
        lines.push(`/* leading */ ${dir.text};`);
        break;
      case "lineComment":
        lines.push("// leading comment", `${dir.text};`);
        break;
      case "afterStrict":
        lines.push(`${strict};`, `${dir.text};`);
        break;
      case "late":
        break;
    }
  }
  fn.body.forEach((s, i) => {
    lines.push(renderStmt(s, r, sc));
    if (i === 0 && dir?.pos === "late") lines.push(`${dir.text};`);
  });
  if (dir?.pos === "late" && fn.body.length === 0) lines.push("const early = 1;", `${dir.text};`);
  if (lines.length === 0) return "{}";
  return `{\n${lines.map((l) => `${sc.indent}${l}`).join("\n")}\n${sc.indent.slice(2)}}`;
}

/** `[async ]function[*] name(params) body`, `[async ](params) => body`, `[async ][*]key(params) body`. */
function renderFunction(
  fn: FnSpec,
  r: Renderer,
  outer: Scope,
  kind: "function" | "arrow" | "method",
  opts: {
    name?: string;
    gen?: boolean;
    isStatic?: boolean;
    /** A "use workflow" is legal here (module-level function, static method of a module-level class). */
    workflowOK?: boolean;
    /** No directive is legal here (nested class, private method). */
    noDirective?: boolean;
  } = {},
): string {
  fn = sanitize(fn, r, !!opts.workflowOK, !!opts.noDirective);
  const gen = !!opts.gen && kind !== "arrow";
  const sc = fnScope(outer, fn, kind, gen);
  const params = renderParams(fn, r, sc, kind === "arrow");
  const ret = r.ts && fn.annotate && !gen ? (fn.isAsync ? ": Promise<any>" : ": any") : "";
  const body = renderBody(fn, r, sc);
  const asyncKw = fn.isAsync ? "async " : "";
  if (kind === "arrow") return `${asyncKw}(${params})${ret} => ${body}`;
  if (kind === "method")
    return `${opts.isStatic ? "static " : ""}${asyncKw}${gen ? "*" : ""}${opts.name}(${params})${ret} ${body}`;
  return `${asyncKw}function${gen ? "*" : ""}${opts.name ? ` ${opts.name}` : ""}(${params})${ret} ${body}`;
}

const GOOD = new Set<string>(GOOD_DIRECTIVES);

/**
 * In a "clean" module every directive is legal: misspelt ones are dropped, misplaced ones moved
 * to the top, workflows appear only where they may, and a function with a directive is async.
 */
function sanitize(fn: FnSpec, r: Renderer, workflowOK: boolean, noDirective: boolean): FnSpec {
  if (!r.clean || !fn.dir) return fn;
  if (noDirective || !GOOD.has(fn.dir.text)) return { ...fn, dir: null };
  let text = fn.dir.text;
  if (!workflowOK) text = text.replace("use workflow", "use step");
  const pos: DirPos = ["late", "afterStrict", "noSemi"].includes(fn.dir.pos) ? "first" : fn.dir.pos;
  return { ...fn, isAsync: true, dir: { text, pos } };
}

function renderBlock(stmts: Stmt[], r: Renderer, sc: Scope, pre: string[] = []): string {
  const inner = child(sc);
  const lines = [...pre, ...stmts.map((s) => renderStmt(s, r, inner))];
  if (lines.length === 0) return "{}";
  return `{\n${lines.map((l) => `${inner.indent}${l}`).join("\n")}\n${sc.indent}}`;
}

function renderStmt(s: Stmt, r: Renderer, sc: Scope): string {
  const aw = sc.isAsync ? "await " : "";
  switch (s.t) {
    case "const": {
      const value = renderExpr(s.e, r, sc);
      const name = local(r, sc, ["data", "value", "config", "step"][sc.vis.length % 4]!);
      sc.vis.push(name);
      return `const ${name} = ${value};`;
    }
    case "let": {
      const value = renderExpr(s.e, r, sc);
      const name = local(r, sc, "counter");
      sc.vis.push(name);
      sc.lets.push(name);
      return `let ${name} = ${value};`;
    }
    case "assign":
      return sc.lets.length > 0 ? `${sc.lets[s.i % sc.lets.length]!} += 1;` : "void 0;";
    case "expr": {
      const text = renderExpr(s.e, r, sc);
      return text.startsWith("{") ? `(${text});` : `${text};`;
    }
    case "call": {
      const fns = [...sc.fns, ...r.moduleFns];
      const callee = fns.length > 0 ? fns[s.i % fns.length]! : "doWork";
      return `${aw}${callee}(${s.args.map((a) => renderExpr(a, r, sc)).join(", ")});`;
    }
    case "return":
      return sc.inFunction ? `return ${renderExpr(s.e, r, sc)};` : `${renderExpr(s.e, r, sc)};`;
    case "dir":
      return r.clean ? `void ${s.text};` : `${s.text};`;
    case "this":
      return "this.count = (this.count ?? 0) + 1;";
    case "super":
      return sc.superOK && !r.clean ? "super.toString();" : "void super_;";
    case "newTarget":
      return sc.newTargetOK ? "const target = new.target;" : "void target_;";
    case "arguments":
      return sc.argumentsOK && !r.clean ? "console.log(arguments.length);" : "void args_;";
    case "jsx": {
      if (!r.jsx) return "void 0;";
      const ref = sc.vis.length > 0 ? sc.vis[s.i % sc.vis.length]! : "null";
      const name = local(r, sc, "element");
      sc.vis.push(name);
      return `const ${name} = <Widget value={${ref}}><>{"*/"}</></Widget>;`;
    }
    case "forOf": {
      const source = sc.vis.length > 0 ? sc.vis[s.i % sc.vis.length]! : "[1, 2, 3]";
      const inner = child(sc);
      const v = local(r, inner, ["item", "i", "entry"][s.i % 3]!);
      inner.vis.push(v);
      const lines = s.body.map((b) => renderStmt(b, r, inner));
      const header = s.isAwait && sc.isAsync ? "for await" : "for";
      const body =
        lines.length === 0
          ? "{}"
          : `{\n${lines.map((l) => `${inner.indent}${l}`).join("\n")}\n${sc.indent}}`;
      return `${header} (const ${v} of ${source}) ${body}`;
    }
    case "forI": {
      const inner = child(sc);
      const v = local(r, inner, "i");
      inner.vis.push(v);
      inner.lets.push(v);
      const lines = s.body.map((b) => renderStmt(b, r, inner));
      const body =
        lines.length === 0
          ? "{}"
          : `{\n${lines.map((l) => `${inner.indent}${l}`).join("\n")}\n${sc.indent}}`;
      return `for (let ${v} = 0; ${v} < 3; ${v}++) ${body}`;
    }
    case "if":
      return `if (${renderExpr(s.e, r, sc)}) ${renderBlock(s.body, r, sc)} else ${renderBlock(s.alt, r, sc)}`;
    case "try": {
      const handlerScope = child(sc);
      const err = local(r, handlerScope, "error");
      handlerScope.vis.push(err);
      const handler = s.handler.map((b) => renderStmt(b, r, handlerScope));
      const handlerBody =
        handler.length === 0
          ? "{}"
          : `{\n${handler.map((l) => `${handlerScope.indent}${l}`).join("\n")}\n${sc.indent}}`;
      return `try ${renderBlock(s.body, r, sc)} catch (${err}) ${handlerBody} finally {}`;
    }
    case "block":
      return renderBlock(s.body, r, sc);
    case "nested":
      return renderNested(s, r, sc);
    case "obj": {
      const name = local(r, sc, "tools");
      const text = `const ${name} = ${renderObj(s.obj, r, sc)};`;
      sc.vis.push(name);
      return text;
    }
    case "class": {
      const name = local(r, sc, "Local");
      const text = renderClass(s.cls, r, sc, name);
      sc.vis.push(name);
      return text;
    }
  }
}

function renderNested(s: Extract<Stmt, { t: "nested" }>, r: Renderer, sc: Scope): string {
  const aw = sc.isAsync ? "await " : "";
  const call = (name: string) =>
    s.callIt ? `\n${sc.indent}${aw}${name}(${sc.vis[0] ?? ""});` : "";
  switch (s.form) {
    case "decl": {
      const name = localName(r, sc, sc.vis.length + 3);
      sc.fns.push(name);
      return renderFunction(s.fn, r, sc, "function", { name }) + call(name);
    }
    case "gen": {
      const name = local(r, sc, "stream");
      sc.fns.push(name);
      return renderFunction(s.fn, r, sc, "function", { name, gen: true });
    }
    case "arrow": {
      const name = localName(r, sc, sc.vis.length + 5);
      const text = `const ${name} = ${renderFunction(s.fn, r, sc, "arrow")};`;
      sc.fns.push(name);
      return text + call(name);
    }
    case "fnexpr":
    case "namedFnexpr": {
      const name = localName(r, sc, sc.vis.length + 7);
      const inner =
        s.form === "namedFnexpr" ? NAME_BASES[(sc.vis.length + 1) % NAME_BASES.length]! : undefined;
      const text = `const ${name} = ${renderFunction(s.fn, r, sc, "function", inner ? { name: inner } : {})};`;
      sc.fns.push(name);
      return text + call(name);
    }
    case "map": {
      const source = sc.vis.length > 0 ? sc.vis[sc.vis.length - 1]! : "[1, 2, 3]";
      return `${aw}Promise.all(${source}.map(${renderFunction(s.fn, r, sc, "arrow")}));`;
    }
    case "callback":
      return `${aw}withRetry(${renderFunction(s.fn, r, sc, "function")});`;
    case "iife":
      return `${aw}(${renderFunction(s.fn, r, sc, "arrow")})();`;
    case "objMethod": {
      const name = local(r, sc, "helpers");
      const text = `const ${name} = {\n${sc.indent}  ${renderFunction(s.fn, r, child(sc), "method", { name: "run" })},\n${sc.indent}};`;
      sc.vis.push(name);
      return text;
    }
    case "letAssign": {
      const name = localName(r, sc, sc.vis.length + 2);
      const text = `let ${name};\n${sc.indent}${name} = ${renderFunction(s.fn, r, sc, "arrow")};`;
      sc.fns.push(name);
      sc.lets.push(name);
      return text + call(name);
    }
    case "returned":
      return !sc.inFunction
        ? `export const returned${++r.n} = ${renderFunction(s.fn, r, sc, "arrow")};`
        : `return ${renderFunction(s.fn, r, sc, "arrow")};`;
  }
}

const OBJ_WRAPS: ((body: string, ts: boolean) => string)[] = [
  (b) => b,
  (b) => `tool(${b})`,
  (b) => `new Agent({ name: "agent", tools: ${b} })`,
  (b) => `defineConfig(${b})`,
  (b) => `Object.freeze(${b})`,
  (b, ts) => (ts ? `(${b}) as const` : `(${b})`),
  (b) => `[${b}][0]`,
  (b) => `{ nested: { deeper: ${b} } }`,
];

function renderObj(obj: ObjSpec, r: Renderer, sc: Scope): string {
  const inner = child(sc);
  const props = obj.props.map((p) => {
    const key = PROP_KEYS[p.key % PROP_KEYS.length]!;
    switch (p.val.t) {
      case "method":
        return renderFunction(p.val.fn, r, inner, "method", {
          name: key,
          gen: p.val.gen && p.key % 3 === 0,
        });
      case "arrow":
        return `${key}: ${renderFunction(p.val.fn, r, inner, "arrow")}`;
      case "fnexpr":
        return `${key}: ${renderFunction(p.val.fn, r, inner, "function", p.val.named ? { name: NAME_BASES[p.key % NAME_BASES.length]! } : {})}`;
      case "obj":
        return `${key}: ${renderObj(p.val.obj, r, inner)}`;
      case "value":
        return `${key}: ${renderExpr(p.val.e, r, inner)}`;
      case "getter":
        return `get ${key}() { return 1; }`;
      case "spread":
        return `...${sc.vis.length > 0 ? sc.vis[p.val.i % sc.vis.length]! : "{}"}`;
    }
  });
  const body = `{\n${props.map((p) => `${inner.indent}${p},`).join("\n")}\n${sc.indent}}`;
  return OBJ_WRAPS[obj.wrap % OBJ_WRAPS.length]!(body, r.ts);
}

function renderClass(cls: ClassSpec, r: Renderer, sc: Scope, name: string, header = ""): string {
  const inner = child(sc);
  const members: string[] = [];
  // classes inside functions may not hold steps, workflows or serialization (in clean modules)
  const nested = sc.inFunction;
  let ctor = false;
  let priv = 0;
  for (const m of cls.members) {
    const key = CLASS_KEYS[m.key % CLASS_KEYS.length]!;
    const st = m.isStatic ? "static " : "";
    switch (m.kind) {
      case "method":
        members.push(
          renderFunction(m.fn, r, inner, "method", {
            name: key,
            gen: m.gen,
            isStatic: m.isStatic,
            workflowOK: m.isStatic && !nested,
            noDirective: nested,
          }),
        );
        break;
      case "ser":
        if (r.clean && nested) break;
        members.push(
          `static [Symbol.for("workflow-serialize")](instance) { return { value: instance.value }; }`,
        );
        break;
      case "deser":
        if (r.clean && nested) break;
        members.push(
          `static [Symbol.for("workflow-deserialize")](data) { return new ${name}(data.value); }`,
        );
        break;
      case "field":
        members.push(
          `${st}${key === "async" || key === "get" || key === "static" ? "field" : key} = 1;`,
        );
        break;
      case "fieldArrow": {
        const fieldScope = child(inner, { argumentsOK: false, superOK: true });
        members.push(`${st}handler${++r.n} = ${renderFunction(m.fn, r, fieldScope, "arrow")};`);
        break;
      }
      case "getter":
        members.push(`${st}get ${key}() { return this.value; }`);
        break;
      case "ctor":
        if (!ctor) {
          ctor = true;
          members.push(`constructor(value) {${cls.ext ? " super();" : ""} this.value = value; }`);
        }
        break;
      case "privField":
        members.push(`${st}#secret${++priv} = 0;`);
        break;
      case "privMethod":
        members.push(
          renderFunction(m.fn, r, inner, "method", {
            name: `#hidden${++priv}`,
            isStatic: m.isStatic,
            noDirective: true,
          }),
        );
        break;
      case "staticBlock": {
        const blockScope = child(inner, { isAsync: false, argumentsOK: false, superOK: true });
        members.push(`static ${renderBlock(m.fn.body.slice(0, 2), r, blockScope)}`);
        break;
      }
    }
  }
  const body =
    members.length === 0
      ? "{}"
      : `{\n${members.map((m) => `${inner.indent}${m}`).join("\n")}\n${sc.indent}}`;
  const deco = cls.decorator ? "@sealed\n" + sc.indent : "";
  return `${deco}${header}class ${name}${cls.ext ? " extends Base" : ""} ${body}`;
}

const IMPORTS: ((r: Renderer) => { text: string; fns?: string[]; vals?: string[] })[] = [
  (r) => {
    const a = r.fresh("sleep");
    const b = r.fresh("FatalError");
    return {
      text: `import { sleep${a === "sleep" ? "" : ` as ${a}`}, FatalError${b === "FatalError" ? "" : ` as ${b}`} } from "workflow";`,
      fns: [a],
      vals: [b],
    };
  },
  (r) => {
    const a = r.fresh("db");
    return { text: `import ${a} from "./db.js";`, vals: [a] };
  },
  (r) => {
    const a = r.fresh("utils");
    return { text: `import * as ${a} from "./utils.js";`, vals: [a] };
  },
  () => ({ text: `import "./polyfill.js";` }),
  (r) => {
    const a = r.fresh("Order");
    return { text: r.ts ? `import type { ${a} } from "./types.js";` : `import "./types.js";` };
  },
  (r) => {
    const a = r.fresh("User");
    const b = r.fresh("getUser");
    return {
      text: r.ts
        ? `import { type ${a}, ${b} } from "./users.js";`
        : `import { ${b} } from "./users.js";`,
      fns: [b],
    };
  },
  (r) => {
    const a = r.fresh("registerStepFunction");
    const b = r.fresh("getStepClosureVars");
    return {
      text: `import { registerStepFunction${a === "registerStepFunction" ? "" : ` as ${a}`}, getStepClosureVars${b === "getStepClosureVars" ? "" : ` as ${b}`} } from "workflow/internal/private";`,
      fns: [a, b],
    };
  },
  (r) => {
    const a = r.fresh("tool");
    const b = r.fresh("Agent");
    return { text: `import { tool as ${a}, Agent as ${b} } from "ai";`, fns: [a] };
  },
  (r) => {
    const a = r.fresh("data");
    return { text: `import ${a} from "./data.json" with { type: "json" };`, vals: [a] };
  },
  (r) => {
    const a = r.fresh("React");
    const b = r.fresh("useState");
    return { text: `import ${a}, { useState as ${b} } from "react";`, vals: [a], fns: [b] };
  },
];
function IMPORTS_COUNT() {
  return IMPORTS.length;
}

const HELPERS: ((r: Renderer, name: string) => { text: string; fn?: boolean; let?: boolean })[] = [
  (_, n) => ({ text: `function ${n}(x) { return x * 2; }`, fn: true }),
  (_, n) => ({ text: `const ${n} = { retries: 3, name: "cfg" };` }),
  (_, n) => ({ text: `let ${n} = 0;`, let: true }),
  (_, n) => ({ text: `const ${n} = (a, b) => a + b;`, fn: true }),
  (_, n) => ({ text: `var ${n} = "legacy";` }),
  (r, n) => ({ text: `export const ${n} = 42;${r.exportName(n) ? "" : ""}` }),
  (r, n) => ({ text: r.ts ? `enum ${n} { A, B }` : `const ${n} = Object.freeze({ A: 0, B: 1 });` }),
  (_, n) => ({ text: `async function ${n}(x) { return await x; }`, fn: true }),
];
const HELPERS_COUNT = HELPERS.length;

const TS_ITEMS: ((r: Renderer) => string)[] = [
  (r) => `interface ${r.fresh("Shape")} { id: string; run(): Promise<void> }`,
  (r) => `type ${r.fresh("Alias")} = { id: number };`,
  (r) => `declare const ${r.fresh("declared")}: string;`,
  (r) => `export type ${r.fresh("Exported")} = string;`,
  (r) => `abstract class ${r.fresh("Abstract")} { abstract run(): Promise<void>; }`,
  (r) => `declare function ${r.fresh("ambient")}(x: number): Promise<void>;`,
];
const TS_ITEMS_COUNT = TS_ITEMS.length;

function moduleScope(r: Renderer): Scope {
  return {
    vis: r.moduleVals,
    lets: [],
    fns: [],
    isAsync: true,
    isGen: false,
    superOK: false,
    newTargetOK: false,
    argumentsOK: false,
    moduleLevel: true,
    inFunction: false,
    declared: new Set<string>(),
    indent: "  ",
  };
}

function exportPrefix(exp: Exp, r: Renderer, name: string): string {
  if (exp === "named") return r.exportName(name) ? "export " : "";
  if (exp === "list" || exp === "listAlias") {
    if (exp === "listAlias") {
      const alias =
        !r.hasDefault && name.length % 2 === 0 && r.takeDefault()
          ? "default"
          : r.fresh(`${name}Alias`);
      if (r.exportName(alias)) r.exportList.push(`${name} as ${alias}`);
    } else if (r.exportName(name)) r.exportList.push(name);
    return "";
  }
  return "";
}

function renderItem(item: Item, r: Renderer, index: number): string {
  const sc = moduleScope(r);
  // a clean module with a module directive exports async functions only
  const onlyFunctionExports = r.clean && r.moduleDirective;
  const unexport = (text: string) => (onlyFunctionExports ? text.replace(/^export /, "") : text);
  if (onlyFunctionExports && (item.t === "obj" || item.t === "class"))
    item = { ...item, exp: "none" };
  if (onlyFunctionExports && item.t === "fn") {
    const form = item.form === "gen" ? "decl" : item.form;
    const exp = form === "wrapped" || form === "letAssign" ? "none" : item.exp;
    const fn = exp === "none" ? item.fn : { ...item.fn, isAsync: true };
    item = { ...item, form, exp, fn, fn2: { ...item.fn2, isAsync: true } };
  }
  // top-level scope: names are shared across items, so vis is the module list itself
  switch (item.t) {
    case "import": {
      const imp = IMPORTS[item.k % IMPORTS.length]!(r);
      r.moduleFns.push(...(imp.fns ?? []));
      r.moduleVals.push(...(imp.vals ?? []));
      return imp.text;
    }
    case "helper": {
      const name = r.fresh(
        ["helper", "CONFIG", "counter", "util", "legacy", "LIMIT", "Kind", "load"][item.k % 8]!,
      );
      const h = HELPERS[item.k % HELPERS.length]!(r, name);
      if (item.k % HELPERS.length === 5) r.exportName(name);
      if (h.fn) r.moduleFns.push(name);
      else r.moduleVals.push(name);
      return unexport(h.text);
    }
    case "dir":
      return r.clean ? `// ${item.text};` : `${item.text};`;
    case "comment":
      return COMMENTS[item.k % COMMENTS.length]!;
    case "ts":
      return r.ts ? unexport(TS_ITEMS[item.k % TS_ITEMS.length]!(r)) : "// (no TypeScript here)";
    case "stmt":
      return renderStmt(item.s, r, sc);
    case "reexport": {
      if (onlyFunctionExports) return "// (no re-export)";
      if (item.k === 0) return `export * from "./other.js";`;
      const alias = r.fresh("reexported");
      r.exportName(alias);
      return item.k === 1
        ? `export { helper as ${alias} } from "./other.js";`
        : `export * as ${alias} from "./ns.js";`;
    }
    case "obj": {
      if (item.exp === "default" && r.takeDefault())
        return `export default ${renderObj(item.obj, r, sc)};`;
      const name = r.fresh(["agent", "tools", "handlers"][index % 3]!);
      const prefix = exportPrefix(item.exp, r, name);
      const text = `${prefix}const ${name} = ${renderObj(item.obj, r, sc)};`;
      r.moduleVals.push(name);
      return text;
    }
    case "class": {
      const name = r.fresh(["Order", "Money", "Agent", "Account"][index % 4]!);
      r.moduleVals.push(name);
      if (item.asExpr) {
        const prefix = exportPrefix(item.exp === "default" ? "named" : item.exp, r, name);
        const body = renderClass({ ...item.cls, decorator: false }, r, sc, r.fresh(`${name}Impl`));
        return `${prefix}const ${name} = ${body};`;
      }
      if (item.exp === "default" && r.takeDefault()) {
        const deco = item.cls.decorator ? "@sealed\n" : "";
        return (
          deco + renderClass({ ...item.cls, decorator: false }, r, sc, name, "export default ")
        );
      }
      const prefix = exportPrefix(item.exp === "default" ? "named" : item.exp, r, name);
      if (item.cls.decorator)
        return `@sealed\n${renderClass({ ...item.cls, decorator: false }, r, sc, name, prefix)}`;
      return renderClass(item.cls, r, sc, name, prefix);
    }
    case "fn":
      return renderFnItem(item, r, sc, index);
  }
}

function renderFnItem(
  item: Extract<Item, { t: "fn" }>,
  r: Renderer,
  sc: Scope,
  index: number,
): string {
  const name = r.pickName(index * 7 + item.fn.body.length);
  const isDefault = item.exp === "default" && r.takeDefault();
  const exp: Exp = item.exp === "default" && !isDefault ? "named" : item.exp;
  switch (item.form) {
    case "decl":
    case "anonDecl":
    case "gen": {
      r.moduleFns.push(name);
      const gen = item.form === "gen";
      if (isDefault) {
        const anon = item.form === "anonDecl";
        return `export default ${renderFunction(item.fn, r, sc, "function", anon ? { gen, workflowOK: true } : { name, gen, workflowOK: true })}`;
      }
      return `${exportPrefix(exp, r, name)}${renderFunction(item.fn, r, sc, "function", { name, gen, workflowOK: true })}`;
    }
    case "arrow":
    case "fnexpr":
    case "namedFnexpr":
    case "wrapped": {
      const fnText =
        item.form === "arrow"
          ? renderFunction(item.fn, r, sc, "arrow", { workflowOK: true })
          : item.form === "wrapped"
            ? `wrap(${renderFunction(item.fn, r, sc, "function")})`
            : renderFunction(
                item.fn,
                r,
                sc,
                "function",
                item.form === "namedFnexpr"
                  ? { name: r.pickName(index), workflowOK: true }
                  : { workflowOK: true },
              );
      if (isDefault) return `export default ${fnText};`;
      r.moduleFns.push(name);
      return `${exportPrefix(exp, r, name)}const ${name} = ${fnText};`;
    }
    case "arrowExpr": {
      const inner = fnScope(sc, item.fn, "arrow");
      const x = r.fresh("x");
      inner.vis.push(x);
      const text = `${item.fn.isAsync ? "async " : ""}(${x}) => ${renderExpr({ t: "bin", op: 0, a: { t: "ref", i: 0 }, b: { t: "await", e: { t: "global", k: item.fn.body.length } } }, r, inner)}`;
      if (isDefault) return `export default ${text};`;
      r.moduleFns.push(name);
      return `${exportPrefix(exp, r, name)}const ${name} = ${text};`;
    }
    case "multi": {
      const second = r.pickName(index + 11);
      const prefix = exp === "named" && r.exportName(name) && r.exportName(second) ? "export " : "";
      const text = `${prefix}const ${name} = ${renderFunction(item.fn, r, sc, "arrow", { workflowOK: true })}, ${second} = ${renderFunction(item.fn2, r, sc, "function", { workflowOK: true })};`;
      r.moduleFns.push(name, second);
      return text;
    }
    case "letAssign": {
      r.moduleFns.push(name);
      const prefix = exportPrefix(exp === "default" ? "named" : exp, r, name);
      return `${prefix}let ${name};\n${name} = ${renderFunction(item.fn, r, sc, "arrow")};`;
    }
  }
}

function renderModule(spec: ModuleSpec): Input {
  const ext = spec.ext;
  const ts = [".ts", ".tsx", ".mts", ".cts"].includes(ext);
  const jsx = ext === ".tsx" || ext === ".jsx";
  const r = new Renderer(ts, jsx, spec.clean);
  const parts: string[] = [];
  if (spec.hashbang) parts.push("#!/usr/bin/env node");
  if (spec.leadingComment) parts.push('/**\n * Generated module. "use step" */');
  const prologue = spec.clean
    ? spec.prologue.slice(0, 1).filter((d) => GOOD.has(d))
    : spec.prologue;
  r.moduleDirective = prologue.length > 0 && GOOD.has(prologue[0]!);
  for (const d of prologue) parts.push(`${d};`);
  spec.items.forEach((item, i) => parts.push(renderItem(item, r, i)));
  if (r.exportList.length > 0) parts.push(`export { ${r.exportList.join(", ")} };`);
  const code = parts.join("\n") + "\n";
  const dir = DIRS[spec.dir % DIRS.length]!;
  const rel = `${dir ? `${dir}/` : ""}${BASES[spec.base % BASES.length]!}${ext}`;
  const input: Input = { code, filename: spec.absolute ? `${ROOT}/${rel}` : rel, root: ROOT };
  const specifier = SPECIFIERS[spec.spec];
  if (specifier !== undefined) input.moduleSpecifier = specifier;
  return input;
}

const generatedArb = (): fc.Arbitrary<Input> => moduleSpecArb().map(renderModule);

// ---------------------------------------------------------------------------------------------
// Mutation of real inputs
// ---------------------------------------------------------------------------------------------

type Mutation =
  | { t: "delete"; at: number; len: number }
  | { t: "dupLine"; line: number }
  | { t: "swapLines"; a: number; b: number }
  | { t: "insertDir"; at: number; text: string; sep: number }
  | { t: "asyncToggle"; at: number }
  | { t: "insertChar"; at: number; ch: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("delete" as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 24 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("dupLine" as const), line: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("insertDir" as const),
      at: fc.nat(),
      text: directiveArb,
      sep: fc.nat(2),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("asyncToggle" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("insertChar" as const),
      at: fc.nat(),
      ch: fc.constantFrom("{", "}", "("),
    }),
  },
);

function positionsOf(code: string, re: RegExp, offset = 0): number[] {
  const out: number[] = [];
  for (const m of code.matchAll(re)) out.push(m.index + offset);
  return out;
}

/** Offsets right after `;`, `{`, `}` and line breaks, plus 0. */
function statementBoundaries(code: string): number[] {
  return [0, ...positionsOf(code, /[;{}\n]/g, 1)];
}

function applyMutation(code: string, m: Mutation): string {
  switch (m.t) {
    case "delete": {
      if (code.length === 0) return code;
      const at = m.at % code.length;
      return code.slice(0, at) + code.slice(at + m.len);
    }
    case "dupLine": {
      const lines = code.split("\n");
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    }
    case "swapLines": {
      const lines = code.split("\n");
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "insertDir": {
      const spots = statementBoundaries(code);
      const at = spots[m.at % spots.length]!;
      const text = [`${m.text};`, `\n${m.text}\n`, ` ${m.text};\n`][m.sep % 3]!;
      return code.slice(0, at) + text + code.slice(at);
    }
    case "asyncToggle": {
      const removals = positionsOf(code, /async /g);
      const insertions = [
        ...positionsOf(code, /\bfunction\b/g),
        ...positionsOf(code, /(?<=[=,(:]\s*)\(/g),
        ...positionsOf(code, /^\s*(?:static\s+)?(?=[A-Za-z_$][\w$]*\s*\()/gm),
      ];
      const total = removals.length + insertions.length;
      if (total === 0) return code;
      const k = m.at % total;
      if (k < removals.length) {
        const at = removals[k]!;
        return code.slice(0, at) + code.slice(at + "async ".length);
      }
      const at = insertions[k - removals.length]!;
      const lineStart = /^\s*/.exec(code.slice(at))?.[0].length ?? 0;
      const pos =
        code[at] === "("
          ? at
          : at + (code.slice(at, at + lineStart).includes("\n") ? 0 : lineStart);
      return code.slice(0, pos) + "async " + code.slice(pos);
    }
    case "insertChar": {
      const at = code.length === 0 ? 0 : m.at % (code.length + 1);
      return code.slice(0, at) + m.ch + code.slice(at);
    }
  }
}

const BUILTIN_SEEDS: { name: string; ext: string; code: string }[] = [
  {
    name: "module-steps",
    ext: ".ts",
    code: `import { sleep } from "workflow";

export async function fetchUser(id: string) {
  "use step";
  const res = await fetch(\`https://api.example.com/users/\${id}\`);
  return res.json();
}

export const sendEmail = async (to: string, body: string) => {
  "use step";
  return { to, body, sent: Date.now() };
};

export async function onboarding(userId: string) {
  "use workflow";
  const user = await fetchUser(userId);
  await sleep("1 day");
  await sendEmail(user.email, "Welcome!");
  return user;
}
`,
  },
  {
    name: "module-directive-step",
    ext: ".ts",
    code: `// comments may precede the directive
"use step";

import { db } from "./db.js";

export async function charge(amount: number) {
  return db.charge(amount);
}

export const refund = async (amount: number) => db.refund(amount);

async function local() {
  return 1;
}

export default async function () {
  return local();
}

export { local };
`,
  },
  {
    name: "module-directive-workflow",
    ext: ".js",
    code: `'use workflow';

import { charge } from "./steps.js";

export async function checkout(cart) {
  const total = cart.items.reduce((sum, item) => sum + item.price, 0);
  return charge(total);
}

export const refundAll = async function (orders) {
  for (const order of orders) await charge(-order.total);
};
`,
  },
  {
    name: "nested-steps",
    ext: ".ts",
    code: `const RATE = 0.2;

export async function order(items: number[], customer: { id: string }) {
  "use workflow";
  let total = 0;
  async function notify(message: string) {
    "use step";
    return fetch("/notify", { method: "POST", body: JSON.stringify({ message, customer, total }) });
  }
  const price = async (n: number) => {
    "use step";
    return n * (1 + RATE);
  };
  for (const item of items) {
    total += await price(item);
    await Promise.all([1, 2].map(async (copy) => {
      "use step";
      return copy * item * total;
    }));
  }
  await notify(\`total: \${total}\`);
  return total;
}
`,
  },
  {
    name: "object-tools",
    ext: ".ts",
    code: `import { tool, Agent } from "ai";

export const agent = new Agent({
  model: "gpt",
  tools: {
    search: tool({
      description: "search the web",
      async execute({ query }: { query: string }) {
        "use step";
        return fetch("/search?q=" + query);
      },
    }),
    "get-weather": {
      execute: async (city: string) => {
        "use step";
        return { city, temp: 20 };
      },
    },
    "a*/b": async function () {
      "use step";
      return 1;
    },
  },
});
`,
  },
  {
    name: "classes",
    ext: ".ts",
    code: `export class Money {
  constructor(public amount: number, public currency: string) {}

  static [Symbol.for("workflow-serialize")](m: Money) {
    return { amount: m.amount, currency: m.currency };
  }

  static [Symbol.for("workflow-deserialize")](data: { amount: number; currency: string }) {
    return new Money(data.amount, data.currency);
  }
}

export class Billing {
  static async charge(m: Money) {
    "use step";
    return m.amount;
  }

  async audit(entry: string) {
    "use step";
    return this.constructor.name + entry;
  }

  static async run(m: Money) {
    "use workflow";
    return Billing.charge(m);
  }
}
`,
  },
  {
    name: "default-exports",
    ext: ".js",
    code: `export default async (input) => {
  "use step";
  return input * 2;
};

export async function wrapper(input) {
  "use workflow";
  const { default: run } = await import("./self.js");
  return run(input);
}
`,
  },
  {
    name: "diagnostics",
    ext: ".ts",
    code: `export function notAsync() {
  "use step";
  return 1;
}

export async function late() {
  const x = 1;
  "use workflow";
  return x;
}

export async function typo() {
  "use setp";
  return 2;
}

export class K {
  async wf() {
    "use workflow";
  }
}
`,
  },
  {
    name: "jsx-component",
    ext: ".tsx",
    code: `import React from "react";

export async function renderReport(data: { rows: string[] }) {
  "use step";
  const el = <ul>{data.rows.map((row) => <li key={row}>{row}</li>)}</ul>;
  return String(el);
}

export function Page() {
  return <div className="page">{"use step"}</div>;
}
`,
  },
  {
    name: "closures-this",
    ext: ".ts",
    code: `let counter = 0;
function helper(x: number) {
  return x + counter;
}

export const service = {
  base: 10,
  async run(this: { base: number }, n: number) {
    "use workflow";
    const scale = 3;
    const step = async () => {
      "use step";
      return helper(n * scale) + this.base;
    };
    for (let i = 0; i < n; i++) {
      const fn = async function () {
        "use step";
        return i * scale;
      };
      await fn();
    }
    return step();
  },
};

export async function makeScaler(factor: number) {
  return async (x: number) => {
    "use step";
    return x * factor;
  };
}
`,
  },
  {
    name: "export-lists",
    ext: ".mjs",
    code: `"use step"

async function a() { return 1 }
const b = async () => 2, c = async function named() { return 3 }
function sync() { return 4 }

export { a, b as bee, c as default, sync }
export * from "./other.js"
`,
  },
  {
    name: "builtin-and-collisions",
    ext: ".ts",
    code: `import { registerStepFunction } from "./mine.js";

const getStepClosureVars = () => ({});

export async function __builtin_response_json(res: Response) {
  "use step";
  return res.json();
}

export async function stepOne() {
  "use step";
  return registerStepFunction(getStepClosureVars());
}

export async function stepOne$2() {
  "use step";
  return 2;
}
`,
  },
  {
    name: "generators-and-getters",
    ext: ".ts",
    code: `export async function* stream() {
  "use step";
  yield 1;
}

export const obj = {
  get value() {
    "use step";
    return 1;
  },
  set value(v) {
    "use step";
  },
  async *items() {
    "use step";
    yield 2;
  },
};
`,
  },
  {
    name: "block-level",
    ext: ".js",
    code: `if (process.env.FEATURE) {
  async function flagged() {
    "use step";
    return true;
  }
  globalThis.flagged = flagged;
}

export async function outer(list) {
  "use workflow";
  try {
    for await (const x of list) {
      const inner = async () => {
        'use step'
        return x
      }
      await inner()
    }
  } catch (error) {
    const recover = async () => { "use step"; return String(error); };
    return recover();
  } finally {
    await (async () => { "use step"; })();
  }
}
`,
  },
  {
    name: "comments-and-strings",
    ext: ".ts",
    code: `/* "use step" */
// 'use workflow'
const text = "use step";
const tmpl = \`use workflow \${text}\`;

export async function documented() {
  /** leading doc comment */
  "use step";
  return text + tmpl + "*/";
}

export const weird = {
  "*/": async () => {
    "use step";
    return "*/";
  },
  "it's \\"quoted\\"": async () => {
    "use step";
  },
};
`,
  },
];

function loadSeeds(): Input[] {
  const seeds: Input[] = [];
  let dirs: string[] = [];
  try {
    dirs = readdirSync(FIXTURES).sort();
  } catch {
    dirs = [];
  }
  for (const dir of dirs) {
    let files: string[] = [];
    try {
      if (!statSync(join(FIXTURES, dir)).isDirectory()) continue;
      files = readdirSync(join(FIXTURES, dir)).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      if (!/^input\.[A-Za-z]+$/.test(file)) continue;
      seeds.push({
        code: readFileSync(join(FIXTURES, dir, file), "utf8"),
        filename: `fixtures/transform/${dir}/${file}`,
        root: ROOT,
      });
    }
  }
  const fromFixtures = seeds.length;
  if (fromFixtures < 10)
    for (const seed of BUILTIN_SEEDS)
      seeds.push({ code: seed.code, filename: `src/seeds/${seed.name}${seed.ext}`, root: ROOT });
  return seeds;
}

const SEEDS = loadSeeds();

const mutatedArb = (): fc.Arbitrary<Input> =>
  fc
    .record({
      seed: fc.nat(SEEDS.length - 1),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
    })
    .map(({ seed, mutations }) => {
      const base = SEEDS[seed]!;
      return { ...base, code: mutations.reduce(applyMutation, base.code) };
    });

const mutatedGeneratedArb = (): fc.Arbitrary<Input> =>
  fc
    .record({
      input: generatedArb(),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
    })
    .map(({ input, mutations }) => ({
      ...input,
      code: mutations.reduce(applyMutation, input.code),
    }));

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

interface Stream {
  name: string;
  arb: fc.Arbitrary<Input>;
  seed: number;
  numRuns: number;
}

const STREAMS: Stream[] = [
  {
    name: "generated modules",
    arb: generatedArb(),
    seed: 20_250_611 + SEED_OFFSET,
    numRuns: runs(700),
  },
  {
    name: "mutated seed modules",
    arb: mutatedArb(),
    seed: 42_4242 + SEED_OFFSET,
    numRuns: runs(450),
  },
  {
    name: "mutated generated modules",
    arb: mutatedGeneratedArb(),
    seed: 7_777_777 + SEED_OFFSET,
    numRuns: runs(250),
  },
];

const TITLES: Record<Category, string> = {
  throws: "transform never throws (workflow, step and client modes)",
  "internal-error": "transform does not crash internally (no INTERNAL_ERROR diagnostic)",
  "unparsable-output": "outputs without error diagnostics parse",
  "error-but-code-changed": "with an error diagnostic the output is the input unchanged",
  "malformed-diagnostic": "diagnostics have a code, message, in-file location and a frame",
  "manifest-differs-between-modes": "the manifest is identical in all three modes",
  "step-id-missing-in-step-mode": "every WORKFLOW_USE_STEP id of workflow mode exists in step mode",
  "syntax-error-not-reported":
    "(contract) a file with a directive that does not parse gets an error diagnostic",
  "diagnostics-differ-between-modes": "(contract) diagnostics are identical in all three modes",
  "embedded-manifest-mismatch":
    "(contract) the /**__internal_workflows*/ comment matches the manifest",
  "exports-changed": "(contract) a transformed module exports the same names as the input",
  "new-free-variable":
    "(contract) a transformed module reads no variable that nothing declares (unless the input did)",
};

/** After a failure, the property is re-run ignoring it, to find up to this many distinct ones. */
const MAX_DISTINCT_FAILURES = 5;

function runProperty(stream: Stream, category: Category): void {
  const known = new Set<string>();
  const signature = (v: Violation) => `${v.category}|${v.kind}`;
  const fresh = (input: Input) =>
    evaluate(input).find((x) => x.category === category && !known.has(signature(x)));
  const reports: string[] = [];
  for (let round = 1; round <= MAX_DISTINCT_FAILURES; round++) {
    const details = fc.check(
      fc.property(stream.arb, (input) => {
        const v = fresh(input);
        if (v) throw new Error(formatViolation(v, input));
      }),
      { seed: stream.seed, numRuns: stream.numRuns, includeErrorInReport: true },
    );
    if (!details.failed) break;
    let report = `##### failure ${round} #####\n${fc.defaultReportMessage(details) ?? "property failed"}`;
    const counterexample = details.counterexample?.[0];
    const v = counterexample && fresh(counterexample);
    if (!counterexample || !v) {
      reports.push(report);
      break;
    }
    known.add(signature(v));
    const same = (w: Violation) =>
      w.category === v.category && w.mode === v.mode && w.kind === v.kind;
    const small = minimize(counterexample, same);
    const w = evaluate(small).find(same);
    report +=
      `\n\n===== shrunk counterexample (fast-check) =====\n${formatViolation(v, counterexample)}` +
      `\n\n===== minimised further (line/token/char deletion, same failure) =====\n` +
      (w ? formatViolation(w, small) : formatInput(small));
    reports.push(report);
  }
  if (reports.length > 0)
    throw new Error(
      `${reports.length} distinct failure(s) of "${TITLES[category]}" in ${stream.name} ` +
        `(seed ${stream.seed}, ${stream.numRuns} runs):\n\n${reports.join("\n\n")}`,
    );
}

describe("transform: property and mutation tests", () => {
  for (const stream of STREAMS) {
    describe(stream.name, () => {
      for (const category of CATEGORIES) {
        it(TITLES[category], { timeout: 300_000 }, () => runProperty(stream, category));
      }
    });
  }

  it("ran enough transform calls", () => {
    // Every stream has been evaluated by the tests above (results are cached across invariants).
    expect(SEEDS.length).toBeGreaterThanOrEqual(10);
    expect(transformCalls).toBeGreaterThanOrEqual(3000 * Math.min(1, SCALE));
    console.info(
      `transform property test: ${evaluatedInputs} distinct inputs, ${transformCalls} transform calls, ` +
        `${SEEDS.length} mutation seeds; ${stats.withErrors} inputs with error diagnostics, ` +
        `${stats.changed} transformed outputs, ${stats.useStepIdsChecked} WORKFLOW_USE_STEP ids checked; ` +
        `diagnostics seen: ${[...stats.diagnosticCodes].map(([c, n]) => `${c}×${n}`).join(", ")}`,
    );
  });
});
