import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { parse } from "@babel/parser";
import { afterEach, describe, expect, it } from "vitest";
import { getStepFunction } from "../runtime/internal/private.js";
import { runStepBody, type StepContext } from "../runtime/workflow/step-context.js";
import { transform } from "./index.js";
import type { TransformMode } from "./types.js";

const ROOT = "/project";
const run = (code: string, mode: TransformMode, filename = "src/flow.js", extra = {}) =>
  transform(code, { filename, root: ROOT, mode, ...extra });

const privatePath = path.resolve(import.meta.dirname, "../runtime/internal/private.ts");
const tmp = mkdtempSync(path.join(tmpdir(), "wf-compiler-"));
let counter = 0;

/** Calls `fn` as the engine calls a step body, with `closureVars` as what the workflow passed. */
const runWithClosureVars = <T>(closureVars: Record<string, unknown>, fn: () => T) =>
  runStepBody({ closureVars } as Partial<StepContext> as StepContext, fn);

/** Imports transformed code as a real ES module (the private runtime module resolved to source). */
async function load(code: string): Promise<Record<string, any>> {
  const file = path.join(tmp, `m${counter++}.mjs`);
  writeFileSync(file, code.replaceAll('"workflow/internal/private"', JSON.stringify(privatePath)));
  return import(pathToFileURL(file).href);
}

type Call = { id: string; args: unknown[]; closure: unknown; self: unknown };
const g = globalThis as any;
function installWorkflowHooks() {
  const calls: Call[] = [];
  const workflows = new Map<string, Function>();
  g[Symbol.for("WORKFLOW_USE_STEP")] = (id: string, closure?: () => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      calls.push({ id, args, closure: closure?.(), self: this });
      return Promise.resolve(`result of ${id}`);
    };
  g[Symbol.for("WORKFLOW_REGISTER")] = (id: string, fn: Function) => (workflows.set(id, fn), fn);
  return { calls, workflows };
}
afterEach(() => {
  delete g[Symbol.for("WORKFLOW_USE_STEP")];
  delete g[Symbol.for("WORKFLOW_REGISTER")];
});

const FLOW = `
export async function flow(n) {
  "use workflow";
  let count = 1;
  const bump = async (by) => {
    "use step";
    count += by;
    return count;
  };
  const first = await bump(n);
  count = 10;
  const second = await bump(n);
  return [first, second, await late(), await this_.method()];
  async function late() {
    "use step";
    return count;
  }
}
const this_ = {
  label: "obj",
  async method() {
    "use step";
    return this.label;
  },
};
`;

describe("nested steps and captured variables, executed", () => {
  it("workflow mode passes captured variables at call time and hoists declaration proxies", async () => {
    const { calls, workflows } = installWorkflowHooks();
    const { code } = run(FLOW, "workflow");
    const mod = await load(code);
    expect(workflows.get("workflow//./src/flow//flow")).toBe(mod.flow);
    const result = await mod.flow(5);
    expect(calls.map((c) => [c.id, c.closure])).toEqual([
      ["step//./src/flow//flow/bump", { count: 1 }],
      ["step//./src/flow//flow/bump", { count: 10 }],
      ["step//./src/flow//flow/late", { count: 10 }],
      ["step//./src/flow//this_/method", undefined],
    ]);
    expect(calls[3]!.self).toMatchObject({ label: "obj" });
    expect(result[0]).toBe("result of step//./src/flow//flow/bump");
  });

  it("step mode registers a copy that rebinds captured variables with let (mutation works)", async () => {
    const { code } = run(FLOW, "step");
    await load(code);
    const bump = getStepFunction("step//./src/flow//flow/bump")!;
    expect(await runWithClosureVars({ count: 1 }, () => bump(5))).toBe(6);
    const late = getStepFunction("step//./src/flow//flow/late")!;
    expect(await runWithClosureVars({ count: 42 }, () => late())).toBe(42);
    const method = getStepFunction("step//./src/flow//this_/method")!;
    expect(await method.call({ label: "from this" })).toBe("from this");
  });

  it("an arrow step using the workflow's this is bound in workflow mode and a function in step mode", async () => {
    const source = `
export const holder = {
  async flow() {
    return 1;
  },
};
export async function flow() {
  "use workflow";
  const inner = async () => {
    "use step";
    return this.tag;
  };
  return inner();
}`;
    const { calls } = installWorkflowHooks();
    const mod = await load(run(source, "workflow").code);
    await mod.flow.call({ tag: "outer" });
    expect(calls[0]!.self).toEqual({ tag: "outer" });
    await load(run(source, "step").code);
    const inner = getStepFunction("step//./src/flow//flow/inner")!;
    expect(await inner.call({ tag: "passed" })).toBe("passed");
  });

  it("client mode keeps steps callable as plain functions and makes workflows throw", async () => {
    const mod = await load(run(FLOW, "client").code);
    await expect(mod.flow(1)).rejects.toThrow(/called directly.*start\(flow/);
    expect(mod.flow.workflowId).toBe("workflow//./src/flow//flow");
  });
});

describe("IDs", () => {
  it("are the same in every mode and follow step//./<path>//<name>", () => {
    const source = `export async function a() { "use step"; }\nexport async function w() { "use workflow"; await a(); }`;
    const manifests = (["workflow", "step", "client"] as const).map(
      (m) => run(source, m, "src/deep/x.tsx").manifest,
    );
    expect(manifests[0]).toEqual(manifests[1]);
    expect(manifests[1]).toEqual(manifests[2]);
    expect(manifests[0]).toEqual({
      workflows: { "src/deep/x.tsx": { w: { workflowId: "workflow//./src/deep/x//w" } } },
      steps: { "src/deep/x.tsx": { a: { stepId: "step//./src/deep/x//a" } } },
    });
  });

  it("use moduleSpecifier for packages, and bare names for __builtin steps", () => {
    const source = `export async function ping() { "use step"; }\nexport async function __builtin_sleep() { "use step"; }`;
    const { manifest } = run(source, "step", "/project/node_modules/@acme/tools/index.js", {
      moduleSpecifier: "@acme/tools@2.1.0",
    });
    expect(manifest.steps!["node_modules/@acme/tools/index.js"]).toEqual({
      __builtin_sleep: { stepId: "__builtin_sleep" },
      ping: { stepId: "step//@acme/tools@2.1.0//ping" },
    });
  });

  it("never collide: same-named nested steps get their workflow's prefix, repeats get $2", () => {
    const source = `
async function save() { "use step"; }
export async function importUsers() { "use workflow"; const save = async () => { "use step"; }; await save(); }
export async function importOrders() { "use workflow"; async function save() { "use step"; } await save(); }
export async function twice() { "use workflow"; { const s = async () => { "use step"; }; } { const s = async () => { "use step"; }; } }`;
    const steps = run(source, "step").manifest.steps!["src/flow.js"]!;
    expect(Object.keys(steps)).toEqual([
      "importOrders/save",
      "importUsers/save",
      "save",
      "twice/s",
      "twice/s$2",
    ]);
    expect(new Set(Object.values(steps).map((s) => s.stepId)).size).toBe(5);
  });
});

describe("manifest comment", () => {
  it("is valid JSON even when names hold quotes and */", () => {
    const source = `export const tools = { 'a"b*/c': { async run() { "use step"; } } };`;
    const { code, manifest } = run(source, "client");
    const json = /\/\*\*__internal_workflows(.*?)\*\//s.exec(code)![1]!;
    expect(JSON.parse(json)).toEqual(manifest);
    expect(Object.keys(manifest.steps!["src/flow.js"]!)).toEqual(['tools/a"b*/c/run']);
    expect(() => parse(code, { sourceType: "module" })).not.toThrow();
  });
});

describe("files without directives", () => {
  it("come back untouched, without a map", () => {
    const source = `import x from "y";\nexport const useStepper = () => "use stepper is fine";\n`;
    for (const mode of ["workflow", "step", "client"] as const) {
      expect(run(source, mode)).toEqual({ code: source, map: null, manifest: {}, diagnostics: [] });
    }
  });

  it("are still checked for near-miss directives", () => {
    const source = `export async function f() {\n  "use steps";\n  return 1;\n}\n`;
    const { diagnostics, code } = run(source, "workflow");
    expect(code).toBe(source);
    expect(diagnostics.map((d) => [d.code, d.loc.line, d.loc.column])).toEqual([
      ["STEP_DIRECTIVE_TYPO", 2, 2],
    ]);
    expect(diagnostics[0]!.message).toBe(
      `Did you mean "use step"? "use steps" is not a supported directive`,
    );
    expect(diagnostics[0]!.frame).toContain('> 2 |   "use steps";');
  });
});

describe("diagnostics", () => {
  it("a syntax error is a diagnostic with its position, never a throw", () => {
    const { diagnostics, code } = run(`"use step";\nexport async function f( {\n`, "step");
    expect(code).toBe(`"use step";\nexport async function f( {\n`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "PARSE_ERROR",
      severity: "error",
      loc: { line: 3 },
    });
  });

  it("collects every error of a file, in source order", () => {
    const source = `import x from "x";\n"use step";\nfunction f() { "use step"; }\nasync function g() { foo(); "use workflow"; }\n`;
    const codes = run(source, "client").diagnostics.map(
      (d) => `${d.code}@${d.loc.line}:${d.loc.column}`,
    );
    expect(codes).toEqual([
      "MODULE_STEP_DIRECTIVE_NOT_FIRST@2:0",
      "STEP_NOT_ASYNC@3:0",
      "WORKFLOW_DIRECTIVE_NOT_FIRST@4:28",
    ]);
  });
});

describe("dead-code elimination", () => {
  const source = `
import { db } from "./db";
import { format } from "./format";
import { unused } from "./unused";
import "./polyfill";
const client = db.connect();
function render(x) { return format(x); }
async function save(x) {
  "use step";
  return client.save(x);
}
export async function flow(x) {
  "use workflow";
  return save(render(x));
}`;

  it("workflow mode drops what only step bodies used, and keeps what was unused from the start", () => {
    const { code } = run(source, "workflow");
    expect(code).not.toContain("./db");
    expect(code).not.toContain("db.connect");
    expect(code).toContain(`import { format } from "./format"`);
    expect(code).toContain(`import { unused } from "./unused"`);
    expect(code).toContain(`import "./polyfill"`);
  });

  it("client mode drops what only workflow bodies used and keeps every step dependency", () => {
    const { code } = run(source, "client");
    expect(code).toContain(`import { db } from "./db"`);
    expect(code).toContain("const client = db.connect()");
    expect(code).not.toContain("./format");
    expect(code).not.toContain("function render");
    expect(code).toContain(`import "./polyfill"`);
  });

  it("understands scope: a workflow's local shadowing an import does not keep the import", () => {
    const shadow = `import { fetchUser } from "./api";\nasync function load(id) { "use step"; return fetchUser(id); }\nexport async function flow() { "use workflow"; const fetchUser = load; return fetchUser(1); }`;
    expect(run(shadow, "workflow").code).not.toContain("./api");
  });
});

describe("source maps", () => {
  it("map untouched code to its exact original position", () => {
    const source = `import { sleep } from "workflow";\nasync function s() {\n  "use step";\n  return 1;\n}\nexport async function flow() {\n  "use workflow";\n  await s();\n  await sleep("1d");\n}\n`;
    for (const mode of ["workflow", "step", "client"] as const) {
      const { code, map } = run(source, mode);
      const lines = code.split("\n");
      const line = lines.findIndex((l) => l.includes("return 1") || l.includes(`sleep("1d")`));
      if (line < 0) continue;
      const column = lines[line]!.search(/return 1|sleep\("1d"\)/);
      const original = originalPositionFor(new TraceMap(map as any), { line: line + 1, column });
      const expected = lines[line]!.includes("return 1")
        ? { line: 4, column: 2 }
        : { line: 9, column: 8 };
      expect({ mode, line: original.line, column: original.column }).toEqual({ mode, ...expected });
    }
  });

  it("map a step-mode hoisted copy back into the workflow that holds it", () => {
    const source = `export async function flow(a) {\n  "use workflow";\n  const s = async () => {\n    "use step";\n    throw new Error(a);\n  };\n  return s();\n}\n`;
    const { code, map } = run(source, "step");
    const lines = code.split("\n");
    const line = lines.findIndex((l) => l.includes("throw new Error(a)"));
    const column = lines[line]!.indexOf("throw new Error(a)");
    const original = originalPositionFor(new TraceMap(map as any), { line: line + 1, column });
    expect([original.line, original.column]).toEqual([5, 4]);
  });
});

describe("hook definitions", () => {
  const source = `import { defineHook } from "workflow";\nexport const named = defineHook(s);\nexport function f() {\n  return defineHook(s);\n}\n`;

  it("stamps a module-level const with its ID and warns about one it cannot name, in every mode", () => {
    for (const mode of ["workflow", "step", "client"] as const) {
      const { code, diagnostics } = run(source, mode, "src/payments.ts");
      expect(code).toContain(`defineHook(s, "hook//./src/payments//named")`);
      expect(code).toContain("return defineHook(s);");
      expect(diagnostics.map((d) => [d.code, d.severity, d.loc.line])).toEqual([
        ["HOOK_DEFINITION_WITHOUT_ID", "warning", 4],
      ]);
    }
  });

  it("leaves a file that only mentions defineHook and does not parse to the bundler", () => {
    const broken = `import { defineHook } from "workflow";\nexport const x = defineHook(;\n`;
    expect(run(broken, "client")).toMatchObject({ code: broken, diagnostics: [] });
  });
});

describe("hook definitions: the pre-check", () => {
  it("parses only files that name defineHook and import workflow", () => {
    const other = `import { defineHook } from "some-cms";\nexport const x = defineHook(s);\n`;
    expect(run(other, "client")).toMatchObject({ code: other, diagnostics: [] });
    const ours = `import * as wf from 'workflow';\nexport const x = wf.defineHook(s);\n`;
    expect(run(ours, "client", "src/h.ts").code).toContain(`wf.defineHook(s, "hook//./src/h//x")`);
  });
});
