import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { deserialize, registerSerializableClass, serialize } from "./index.js";

/** A fresh vm realm, like a workflow sandbox: its own Object, Array, Date, Map, Error, ... */
function createRealm() {
  const context = vm.createContext();
  const run = <T = unknown>(code: string): T => vm.runInContext(code, context) as T;
  return { run, global: run<typeof globalThis>("globalThis") };
}

const VALUE_SOURCE = `({
  text: "a\\u0000b",
  list: [1, , undefined, -0],
  date: new Date(86400000),
  invalid: new Date(NaN),
  map: new Map([[{ key: 1 }, new Set([1n, "x"])]]),
  re: /ab+c/gi,
  bytes: new Uint8Array([1, 2, 3]),
  words: new Float64Array([0.5]),
  buffer: new Uint8Array([7]).buffer,
  bare: Object.assign(Object.create(null), { a: 1 }),
  boxed: new String("s"),
  error: new TypeError("bad", { cause: new RangeError("inner") }),
  aggregate: new AggregateError([new Error("one")], "many"),
})`;

/** The same value as VALUE_SOURCE, built in this realm. */
function hostValue() {
  return (0, eval)(VALUE_SOURCE);
}

describe("values from a vm realm", () => {
  it("serialize like values of this realm", () => {
    const { run } = createRealm();
    const foreign = run(VALUE_SOURCE);
    const local = hostValue();
    // Stacks differ (different call sites); everything else is written identically.
    const strip = (text: string) => text.replace(/"\w*Error: [^"]*"/g, '"stack"');
    expect(strip(serialize(foreign))).toBe(strip(serialize(local)));
  });

  it("deserialize into this realm by default", () => {
    const { run } = createRealm();
    const copy = deserialize(serialize(run(VALUE_SOURCE))) as ReturnType<typeof hostValue>;
    const expected = hostValue();
    expect(copy.error).toBeInstanceOf(TypeError);
    expect(copy.error.cause).toBeInstanceOf(RangeError);
    expect(copy.aggregate.errors[0]).toBeInstanceOf(Error);
    for (const key of ["error", "aggregate"]) {
      delete copy[key];
      delete expected[key];
    }
    expect(copy).toStrictEqual(expected);
  });

  it("recognises plain objects and arrays of the vm realm, but not its class instances", () => {
    const { run } = createRealm();
    expect(deserialize(serialize(run("[{ a: [] }]")))).toStrictEqual([{ a: [] }]);
    expect(() => serialize(run("new (class Widget {})()"))).toThrow(
      /value is a class Widget instance/,
    );
    expect(() => serialize(run("new (class Registry extends Map {})()"))).toThrow(
      /value is a class Registry instance/,
    );
    expect(() => serialize(run("new WeakMap()"))).toThrow(/value is a WeakMap/);
    expect(() => serialize(run("({ f() {} })"))).toThrow(/value\.f is a function/);
  });
});

describe("values into a vm realm", () => {
  /** Checks, inside the realm, that every value was built from the realm's own constructors. */
  const CHECK_SOURCE = `(value) => ({
    object: Object.getPrototypeOf(value) === Object.prototype,
    list: value.list instanceof Array,
    hole: !(1 in value.list) && value.list.length === 4,
    date: value.date instanceof Date,
    invalid: value.invalid instanceof Date && Number.isNaN(value.invalid.getTime()),
    map: value.map instanceof Map,
    mapKey: Object.getPrototypeOf([...value.map.keys()][0]) === Object.prototype,
    set: [...value.map.values()][0] instanceof Set,
    re: value.re instanceof RegExp && value.re.flags === "gi",
    bytes: value.bytes instanceof Uint8Array && value.bytes.buffer instanceof ArrayBuffer,
    words: value.words instanceof Float64Array && value.words[0] === 0.5,
    buffer: value.buffer instanceof ArrayBuffer,
    bare: Object.getPrototypeOf(value.bare) === null,
    boxed: value.boxed instanceof String,
    error: value.error instanceof TypeError && value.error.cause instanceof RangeError,
    aggregate: value.aggregate instanceof AggregateError && value.aggregate.errors[0] instanceof Error,
  })`;

  /** The checks (copied out of the realm), each of which must be true. */
  const expectAllTrue = (checks: Record<string, boolean>) =>
    expect({ ...checks }).toStrictEqual(
      Object.fromEntries(Object.keys(checks).map((key) => [key, true])),
    );

  it("builds every value with the target realm's constructors", () => {
    const { run, global } = createRealm();
    const copy = deserialize(serialize(hostValue()), { global });
    const checks = run<(value: unknown) => Record<string, boolean>>(CHECK_SOURCE)(copy);
    expectAllTrue(checks);
    expect(copy).not.toBeInstanceOf(Object); // this realm's Object
  });

  it("round-trips vm values back into the same vm", () => {
    const { run, global } = createRealm();
    const copy = deserialize(serialize(run(VALUE_SOURCE)), { global });
    const checks = run<(value: unknown) => Record<string, boolean>>(CHECK_SOURCE)(copy);
    expectAllTrue(checks);
  });

  it("works with a sandbox whose Date is a wrapper (fixed clock)", () => {
    const { run, global } = createRealm();
    run(`{
      const RealDate = Date;
      function FixedDate(...args) {
        if (!new.target) return new RealDate(0).toString();
        return args.length === 0 ? new RealDate(0) : new RealDate(...args);
      }
      FixedDate.prototype = RealDate.prototype;
      FixedDate.now = () => 0;
      globalThis.Date = FixedDate;
    }`);
    const copy = deserialize(serialize(new Date("2030-01-01T00:00:00Z")), { global }) as Date;
    expect(run<(d: unknown) => boolean>("(d) => d instanceof Date")(copy)).toBe(true);
    expect(copy.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("uses host constructors for what the realm lacks (a bare vm has no URL or Headers)", () => {
    const { global } = createRealm();
    const copy = deserialize(
      serialize({ url: new URL("https://a.example/"), headers: new Headers({ a: "1" }) }),
      {
        global,
      },
    ) as { url: URL; headers: Headers };
    expect(copy.url).toBeInstanceOf(URL);
    expect(copy.headers.get("a")).toBe("1");
  });

  it("finds registered classes in the target realm first, then in the host", () => {
    const { run, global } = createRealm();
    const SandboxPoint = run<Function>(`(class Point {
      constructor(x, y) { this.x = x; this.y = y; }
      static [Symbol.for("workflow-serialize")](p) { return [p.x, p.y]; }
      static [Symbol.for("workflow-deserialize")]([x, y]) { return new Point(x, y); }
    })`);
    registerSerializableClass("class//./geo//Point", SandboxPoint, global);

    const text = serialize(
      run<(cls: Function) => unknown>("(Point) => [new Point(1, 2)]")(SandboxPoint),
    );
    const inSandbox = deserialize(text, { global }) as unknown[];
    expect(inSandbox[0]).toBeInstanceOf(SandboxPoint);
    expect(run<(v: unknown) => boolean>("(v) => v instanceof Array")(inSandbox)).toBe(true);

    // The host has not registered the class.
    expect(() => deserialize(text)).toThrow(
      /no class is registered as "class\/\/\.\/geo\/\/Point"/,
    );
  });
});
