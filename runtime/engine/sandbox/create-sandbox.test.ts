/**
 * The copied globals (overrides.ts COPIED_GLOBALS) are made on first use: until then each is an
 * accessor of the realm, which behaves as the writable data property it becomes, reaches no host
 * function, and still gets its overrides (AbortSignal.timeout) and its place in deserialization.
 */
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "../../serialization/index.js";
import { createSandbox } from "./create-sandbox.js";

const sandbox = () => createSandbox({ now: () => 0, random: () => 0.5 });
const run = (code: string) => sandbox().evaluate(`(() => { ${code} })()`, "test.js");

describe("copied globals", () => {
  it("are accessors of the realm until first used, then data properties", () => {
    expect(
      run(`
        const before = Object.getOwnPropertyDescriptor(globalThis, "Headers");
        const H = Headers;
        const after = Object.getOwnPropertyDescriptor(globalThis, "Headers");
        return [typeof before.get, typeof before.set, after.value === H, after.writable,
          Headers === H, new Headers({ a: "1" }).get("a")].join(" ");
      `),
    ).toBe("function function true true true 1");
  });

  it("take an assignment made before their first use", () => {
    expect(run(`globalThis.Response = 42; return Response;`)).toBe(42);
    expect(run(`delete globalThis.Request; return typeof Request;`)).toBe("undefined");
  });

  it("hand workflow code no host function through their getter or setter", () => {
    const outcome = run(`
      const d = Object.getOwnPropertyDescriptor(globalThis, "DOMException");
      return [d.get, d.set].map((fn) => {
        try { fn.constructor("return process")(); return "compiled"; }
        catch (error) { return error.name; }
      }).join(" ");
    `);
    expect(outcome).toBe("EvalError EvalError");
  });

  it("a getter kept and called later does not undo an assignment", () => {
    expect(
      run(`
        const get = Object.getOwnPropertyDescriptor(globalThis, "URL").get;
        globalThis.URL = "mine";
        return [typeof get(), URL].join(" ");
      `),
    ).toBe("function mine");
  });

  it("get the overrides of their members when made (AbortSignal.timeout)", () => {
    expect(
      run(`try { AbortSignal.timeout(1); return "no error"; } catch (e) { return e.message; }`),
    ).toContain("AbortSignal.timeout is not available in workflow functions");
  });

  it("get those overrides whatever workflow code did to Object.prototype first", () => {
    expect(
      run(`
        Object.defineProperty(Object.prototype, "get", { value: () => 1, configurable: true });
        try { AbortSignal.timeout(1); return "no error"; } catch (e) { return e.message; }
      `),
    ).toContain("AbortSignal.timeout is not available in workflow functions");
  });

  it("are the realm's constructors for deserialization, before first use too", () => {
    const box = sandbox();
    const text = serialize({ url: new URL("http://x/a"), headers: new Headers({ a: "1" }) });
    const value = deserialize(text, { global: box.global }) as { url: URL; headers: Headers };
    expect(value.url).toBeInstanceOf(box.global.URL);
    expect(value.headers).toBeInstanceOf(box.global.Headers);
    expect(value.headers.get("a")).toBe("1");
  });
});

describe("the realm's global object", () => {
  it("is a plain object of the realm: only realm objects on its prototype chain", () => {
    const box = sandbox();
    const chain: object[] = [];
    for (let o = Object.getPrototypeOf(box.global); o; o = Object.getPrototypeOf(o)) chain.push(o);
    // V8's own prototype of a global object, then the realm's Object.prototype.
    expect(chain.at(-1)).toBe(box.global.Object.prototype);
    expect(chain).not.toContain(Object.prototype);
    expect(chain.every((o) => o instanceof box.global.Object || o === chain.at(-1))).toBe(true);
    // What a contextified global let through: the constructor of a host object behind it.
    expect(
      run(`try { return globalThis.constructor.constructor("return process")(); }
           catch (error) { return error.name; }`),
    ).toBe("EvalError");
  });

  it("can be frozen by workflow code, and then refuses new globals", () => {
    expect(
      run(`"use strict"; Object.freeze(globalThis);
           try { globalThis.leak = 1; return "written"; } catch (error) { return error.name; }`),
    ).toBe("TypeError");
  });
});
