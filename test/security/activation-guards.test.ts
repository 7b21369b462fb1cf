/**
 * Activation guards (compiler/activation-guards.ts): the calls the workflow bundle makes in
 * every loop and function, by which a sandbox made with `guarded` stops code that runs past its
 * time limit, with no `vm` timeout. The transform keeps lines where they were and the code
 * valid; the sandbox stops loops that catch the error, endless promise chains and recursion.
 */
import vm from "node:vm";
import { parse } from "@babel/parser";
import { describe, expect, it } from "vitest";
import { insertActivationGuards } from "../../compiler/activation-guards.js";
import {
  ActivationTimeoutError,
  createSandbox,
} from "../../runtime/engine/sandbox/create-sandbox.js";

const guard = (code: string, file = "file.ts") => {
  const out = insertActivationGuards(code, file);
  if (!out) throw new Error("no guards inserted");
  return out.code;
};
const ticks = (code: string) => code.split("__workflow_tick()").length - 1;

describe("insertActivationGuards", () => {
  it("puts a tick first in every loop body and function body, after directives", () => {
    const source = [
      `"use strict"`,
      `function f(a: number): number { "use workflow"`,
      `  for (let i = 0; i < a; i++) a--;`,
      `  while (a) { a--; }`,
      `  do a++; while (a < 3)`,
      `  for (const k in {}) for (const v of []) ;`,
      `  const g = (x: number) => ({ x });`,
      `  class C { m() { return 1 } get p() { return 2 } static async *s() {} }`,
      `  return ({ o() { return 3 } }).o() + (async () => 1, 0);`,
      `}`,
    ].join("\n");
    const out = guard(source);
    expect(ticks(out)).toBe(12); // 5 loops; f, g, m, p, s, o and the async arrow
    expect(out.split("\n").length).toBe(source.split("\n").length);
    expect(out.startsWith(`"use strict";var __workflow_tick = globalThis[Symbol.for(`)).toBe(true);
    expect(out).toContain(`"use workflow";__workflow_tick();`);
    expect(out).toContain(`(x: number) => ((__workflow_tick(), { x }))`);
    expect(() => parse(out, { sourceType: "module", plugins: ["typescript"] })).not.toThrow();
  });

  it("leaves a file with no loop or function, and one that does not parse, alone", () => {
    expect(insertActivationGuards(`export const a = 1;`, "a.js")).toBeNull();
    expect(insertActivationGuards(`function (`, "b.js")).toBeNull();
  });

  it("maps every original position of a line to the same line", () => {
    const source = `const a = [1, 2].map((n) => n * 2);\nfor (;;) { break; }\n`;
    const out = insertActivationGuards(source, "m.js")!;
    const map = JSON.parse(out.map.toString()) as { mappings: string };
    expect(map.mappings.split(";").length).toBe(out.code.split("\n").length);
  });
});

describe("a sandbox made with guarded", () => {
  const run = (body: string, timeoutMs = 100) => {
    const sandbox = createSandbox({ now: () => 0, random: () => 0.5, timeoutMs, guarded: true });
    const code = guard(`globalThis.result = (function () {\n${body}\n})();`, "code.js");
    const started = performance.now();
    try {
      return { value: sandbox.evaluate(code, "code.js"), global: sandbox.global };
    } finally {
      expect(performance.now() - started).toBeLessThan(timeoutMs + 2000);
    }
  };

  it("stops an endless loop that catches the guard's error, with ActivationTimeoutError", () => {
    expect(() => run(`for (;;) { try { for (;;) {} } catch {} }`)).toThrow(ActivationTimeoutError);
  });

  it("stops recursion that catches its stack overflow", () => {
    expect(() =>
      run(
        `const dive = (d) => { try { return dive(d + 1) } catch { return dive(d + 1) } }; return dive(0);`,
      ),
    ).toThrow(ActivationTimeoutError);
  });

  it("stops an endless chain of promise jobs", () => {
    expect(() => run(`const next = () => Promise.resolve().then(next); next();`)).toThrow(
      ActivationTimeoutError,
    );
  });

  it("runs code that ends, with no vm timeout", () => {
    const original = vm.Script.prototype.runInContext;
    const options: unknown[] = [];
    vm.Script.prototype.runInContext = function (this: vm.Script, context, opts) {
      options.push(opts);
      return original.call(this, context, opts);
    };
    try {
      const { global } = run(`let s = 0; for (let i = 0; i < 100000; i++) s += i; return s;`);
      expect(global.result).toBe(4999950000);
    } finally {
      vm.Script.prototype.runInContext = original;
    }
    expect(options.filter((o) => (o as { timeout?: number } | undefined)?.timeout)).toEqual([]);
  });
});
