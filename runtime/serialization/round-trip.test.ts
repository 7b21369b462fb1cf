import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "./index.js";

function roundTrip<T>(value: T): T {
  return deserialize(serialize(value)) as T;
}

/** Values whose round trip must be deep-equal (vitest's strict equality: types, holes, -0). */
const equalCases: Record<string, () => unknown> = {
  "empty string": () => "",
  "string with null bytes": () => "a\u0000b\u0000",
  "string with lone surrogates": () => "\ud800 lead, \udfff trail, \udc00\ud800 reversed",
  "string with emoji and escapes": () => '😀 "quoted" \\ \n\t\u2028\u2029 </script>',
  undefined: () => undefined,
  "undefined in objects and arrays": () => ({ a: undefined, b: [undefined, 1, undefined] }),
  null: () => null,
  NaN: () => Number.NaN,
  "-0": () => -0,
  "-0 nested": () => ({ zero: -0, list: [-0, 0] }),
  Infinity: () => Number.POSITIVE_INFINITY,
  "-Infinity": () => Number.NEGATIVE_INFINITY,
  "numbers at the limits": () => [
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    -1e21,
    0.1,
  ],
  booleans: () => [true, false],
  BigInt: () => [0n, -1n, 2n ** 200n, -(2n ** 64n)],
  Date: () => new Date("2024-02-29T12:34:56.789Z"),
  "invalid Date": () => new Date(Number.NaN),
  "Dates at the extremes": () => [new Date(8.64e15), new Date(-8.64e15), new Date(0)],
  Map: () =>
    new Map<unknown, unknown>([
      ["a", 1],
      [2, "b"],
      [null, undefined],
    ]),
  "Map with object keys, nested": () =>
    new Map<unknown, unknown>([
      [{ id: 1 }, new Map([[[1, 2], new Set([{ deep: true }])]])],
      [new Date(0), new Set([new Map()])],
    ]),
  "Set with object values, nested": () =>
    new Set<unknown>([1, "1", { a: 1 }, new Set([new Set([1n])])]),
  RegExp: () => /a+(b|c)\/[^\]]*$/,
  "RegExp with every flag": () => [/x/dgimsuy, new RegExp("x", "v")],
  "plain object": () => ({ a: 1, nested: { b: [1, { c: "d" }] }, "key with spaces": true, "": 0 }),
  "object with numeric keys": () => ({ 2: "b", 1: "a", x: "c" }),
  "array with holes": () => [1, , 3, , ,],
  "array of only holes": () => new Array(5),
  "very sparse array": () => {
    const array: unknown[] = [];
    array[100_000] = "far";
    array[3] = "near";
    return array;
  },
  "nested arrays": () => [[[]], [[1], [2, [3]]]],
  "object with a null prototype": () =>
    Object.assign(Object.create(null), { a: 1, nested: Object.create(null) }),
  "boxed primitives": () => [new String("s"), new Number(-0), new Boolean(false), Object(10n)],
  ArrayBuffer: () => new Uint8Array([0, 1, 254, 255]).buffer,
  "empty ArrayBuffer": () => new ArrayBuffer(0),
  Int8Array: () => new Int8Array([-128, 0, 127]),
  Uint8Array: () => new Uint8Array([0, 128, 255]),
  Uint8ClampedArray: () => new Uint8ClampedArray([0, 255]),
  Int16Array: () => new Int16Array([-32768, 32767]),
  Uint16Array: () => new Uint16Array([0, 65535]),
  Int32Array: () => new Int32Array([-(2 ** 31), 2 ** 31 - 1]),
  Uint32Array: () => new Uint32Array([0, 2 ** 32 - 1]),
  Float32Array: () => new Float32Array([1.5, Number.NaN, Number.NEGATIVE_INFINITY, -0]),
  Float64Array: () => new Float64Array([Math.PI, Number.NaN, -0]),
  BigInt64Array: () => new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]),
  BigUint64Array: () => new BigUint64Array([0n, 2n ** 64n - 1n]),
  "empty typed array": () => new Float64Array(0),
  DataView: () => new DataView(new Uint8Array([1, 2, 3]).buffer),
};

describe("round trip", () => {
  for (const [name, make] of Object.entries(equalCases)) {
    it(name, () => {
      const value = make();
      expect(roundTrip(value)).toStrictEqual(value);
    });
  }

  it("keeps the kinds of typed arrays and their bytes", () => {
    const value = new Float32Array([1, 2.5]);
    const copy = roundTrip(value);
    expect(Object.getPrototypeOf(copy)).toBe(Float32Array.prototype);
    expect(new Uint8Array(copy.buffer)).toStrictEqual(new Uint8Array(value.buffer));
  });

  it("reads a Node Buffer back as a Uint8Array of just its bytes", () => {
    const buffer = Buffer.from("hello"); // a slice of Node's shared pool
    const copy = roundTrip(buffer);
    expect(Object.getPrototypeOf(copy)).toBe(Uint8Array.prototype);
    expect(copy).toStrictEqual(new Uint8Array([104, 101, 108, 108, 111]));
    expect(copy.buffer.byteLength).toBe(5);
  });

  it("copies only the visible bytes of a partial view", () => {
    const view = new Uint16Array(new Uint8Array([9, 9, 1, 0, 2, 0, 9, 9]).buffer, 2, 2);
    const copy = roundTrip(view);
    expect(copy).toStrictEqual(new Uint16Array([1, 2]));
    expect(copy.buffer.byteLength).toBe(4);
    expect(serialize(view)).not.toContain("CQk"); // base64 of the 9s
  });

  it("keeps views over one whole buffer sharing it", () => {
    const buffer = new ArrayBuffer(4);
    const copy = roundTrip({
      buffer,
      bytes: new Uint8Array(buffer),
      words: new Uint16Array(buffer),
    });
    expect(copy.bytes.buffer).toBe(copy.buffer);
    expect(copy.words.buffer).toBe(copy.buffer);
  });

  it("boxed primitives keep their values (vitest cannot compare boxed BigInts)", () => {
    const [string, number, bigint] = roundTrip([new String("s"), new Number(-0), Object(10n)]);
    expect(typeof string).toBe("object");
    expect(string.valueOf()).toBe("s");
    expect(number.valueOf()).toBe(-0);
    expect(typeof bigint).toBe("object");
    expect(bigint.valueOf()).toBe(10n);
  });

  it("DataView", () => {
    const view = new DataView(new ArrayBuffer(8), 0);
    view.setFloat64(0, Math.E);
    const copy = roundTrip(view);
    expect(Object.getPrototypeOf(copy)).toBe(DataView.prototype);
    expect(copy.getFloat64(0)).toBe(Math.E);
  });

  it("RegExp source and flags", () => {
    const copy = roundTrip(/^\d+\.(?<frac>\d*)$/gimsuy);
    expect(copy).toBeInstanceOf(RegExp);
    expect(copy.source).toBe("^\\d+\\.(?<frac>\\d*)$");
    expect(copy.flags).toBe("gimsuy");
  });

  it("URL and URLSearchParams", () => {
    const url = new URL("https://user:pw@example.com:8080/a%20b/?q=1&q=2#frag");
    const copy = roundTrip({
      url,
      params: new URLSearchParams("a=1&b=%20&a=3"),
      empty: new URLSearchParams(),
    });
    expect(copy.url).toBeInstanceOf(URL);
    expect(copy.url.href).toBe(url.href);
    expect(copy.params).toBeInstanceOf(URLSearchParams);
    expect([...copy.params]).toStrictEqual([
      ["a", "1"],
      ["b", " "],
      ["a", "3"],
    ]);
    expect(copy.empty.toString()).toBe("");
  });

  it("Headers, including repeated set-cookie", () => {
    const headers = new Headers({ "Content-Type": "text/plain", "X-Many": "a" });
    headers.append("x-many", "b");
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    const copy = roundTrip(headers);
    expect(copy).toBeInstanceOf(Headers);
    expect([...copy]).toStrictEqual([...headers]);
    expect(copy.getSetCookie()).toStrictEqual(["a=1", "b=2"]);
  });

  it("cyclic references", () => {
    const object: Record<string, unknown> = { name: "root" };
    object.self = object;
    object.list = [object, { parent: object }];
    const copy = roundTrip(object);
    expect(copy.self).toBe(copy);
    expect((copy.list as unknown[])[0]).toBe(copy);
    expect(((copy.list as unknown[])[1] as { parent: unknown }).parent).toBe(copy);
  });

  it("cycles through arrays, Maps and Sets", () => {
    const array: unknown[] = [];
    array.push(array);
    const map = new Map<unknown, unknown>();
    map.set(map, map);
    const set = new Set<unknown>();
    set.add(set);
    const copy = roundTrip({ array, map, set });
    expect(copy.array[0]).toBe(copy.array);
    expect(copy.map.get(copy.map)).toBe(copy.map);
    expect(copy.set.has(copy.set)).toBe(true);
  });

  it("shared references stay shared", () => {
    const shared = { n: 1 };
    const date = new Date(0);
    const copy = roundTrip({ a: shared, b: [shared], c: new Map([[shared, date]]), d: date });
    expect(copy.b[0]).toBe(copy.a);
    expect([...copy.c.keys()][0]).toBe(copy.a);
    expect(copy.c.get(copy.a)).toBe(copy.d);
  });

  it("a null prototype survives, and so does a __proto__ key", () => {
    const object = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const copy = roundTrip({ object, bare: Object.create(null) });
    expect(Object.getPrototypeOf(copy.bare)).toBe(null);
    expect(Object.getPrototypeOf(copy.object)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.object, "__proto__")).toBe(true);
    expect(copy.object.__proto__).toStrictEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("writes repeated strings once", () => {
    const text = serialize(["a long repeated string", "a long repeated string"]);
    expect(text.match(/a long repeated string/g)).toHaveLength(1);
  });

  it("reads each property once (one walk), even when shared", () => {
    let reads = 0;
    const object = {
      get value() {
        reads++;
        return { deep: [1, 2, 3] };
      },
    };
    serialize({ a: object, b: [object, object], c: new Map([[1, object]]) });
    expect(reads).toBe(1);
  });
});

describe("errors", () => {
  it("keeps message, name, stack and the built-in kind", () => {
    for (const error of [
      new Error("plain"),
      new TypeError("type"),
      new RangeError("range"),
      new SyntaxError("syntax"),
      new ReferenceError("reference"),
      new EvalError("eval"),
      new URIError("uri"),
    ]) {
      const copy = roundTrip(error);
      expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(error));
      expect(copy.message).toBe(error.message);
      expect(copy.name).toBe(error.name);
      expect(copy.stack).toBe(error.stack);
      expect(Object.keys(copy)).toStrictEqual([]);
    }
  });

  it("AggregateError with its errors", () => {
    const error = new AggregateError(
      [new Error("a"), new TypeError("b"), "not an error"],
      "several",
    );
    const copy = roundTrip(error);
    expect(copy).toBeInstanceOf(AggregateError);
    expect(copy.message).toBe("several");
    expect(copy.errors).toHaveLength(3);
    expect(copy.errors[1]).toBeInstanceOf(TypeError);
    expect(copy.errors[1].message).toBe("b");
    expect(copy.errors[2]).toBe("not an error");
    expect(Object.getOwnPropertyDescriptor(copy, "errors")?.enumerable).toBe(false);
  });

  it("cause, including nested causes and an explicit undefined", () => {
    const error = new Error("outer", { cause: new RangeError("inner", { cause: { code: 42 } }) });
    const copy = roundTrip(error);
    const inner = copy.cause as RangeError;
    expect(inner).toBeInstanceOf(RangeError);
    expect(inner.message).toBe("inner");
    expect(inner.cause).toStrictEqual({ code: 42 });
    expect(Object.getOwnPropertyDescriptor(copy, "cause")?.enumerable).toBe(false);

    const withUndefined = roundTrip(new Error("x", { cause: undefined }));
    expect(Object.hasOwn(withUndefined, "cause")).toBe(true);
    expect(Object.hasOwn(roundTrip(new Error("x")), "cause")).toBe(false);
  });

  it("a custom subclass comes back as its built-in parent, with its name and own properties", () => {
    class ValidationError extends TypeError {
      field = "email";
      details = { min: 3, seen: new Date(0) };
      constructor(message: string) {
        super(message);
        this.name = "ValidationError";
      }
    }
    const error = new ValidationError("too short");
    const copy = roundTrip(error);
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy.name).toBe("ValidationError");
    expect(copy.message).toBe("too short");
    expect(copy.stack).toBe(error.stack);
    expect({ ...copy }).toStrictEqual({ ...error });
    expect(Object.keys(copy)).toStrictEqual(Object.keys(error));
  });

  it("a name set on the prototype is kept without becoming enumerable", () => {
    class NotFound extends Error {}
    NotFound.prototype.name = "NotFound";
    const copy = roundTrip(new NotFound("gone"));
    expect(copy.name).toBe("NotFound");
    expect(Object.keys(copy)).toStrictEqual([]);
  });

  it("DOMException", () => {
    const copy = roundTrip(new DOMException("stopped", "AbortError"));
    expect(copy).toBeInstanceOf(DOMException);
    expect(copy.name).toBe("AbortError");
    expect(copy.code).toBe(20);
    expect(copy.message).toBe("stopped");
  });

  it("errors in cycles and shared", () => {
    type SelfError = Error & { self?: unknown };
    const error: SelfError = new Error("self");
    error.self = error;
    const loop: SelfError = new Error("loop", { cause: error });
    const copy = roundTrip([error, error, loop] as const);
    expect(copy[1]).toBe(copy[0]);
    expect(copy[0].self).toBe(copy[0]);
    expect(copy[2].cause).toBe(copy[0]);
  });

  it("leaves out extras that cannot be serialized, keeping the rest", () => {
    const error = Object.assign(new Error("request failed"), {
      status: 502,
      config: { retry: () => {}, url: "https://example.com" },
      socket: new WeakMap(),
    });
    const copy = roundTrip({ error, after: "still here" });
    expect(copy.after).toBe("still here");
    expect(copy.error.message).toBe("request failed");
    expect(Object.keys(copy.error)).toStrictEqual(["status"]);
  });
});
