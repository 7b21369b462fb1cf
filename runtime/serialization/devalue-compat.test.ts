/**
 * The wire format is devalue's: devalue reads what we write for the types it
 * knows, and we read what it writes (including its encodings we never emit,
 * such as typed arrays at an offset into a shared buffer).
 */
import * as devalue from "devalue";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "./index.js";

function sample() {
  const shared = { shared: true };
  const buffer = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer;
  const self: Record<string, unknown> = {
    text: "a\u0000\ud800<\u2028",
    numbers: [0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    nothing: [null, undefined],
    holes: [1, , 3],
    sparse: Object.assign([], { 1000: "far" }),
    big: 12345678901234567890n,
    dates: [new Date(0), new Date(Number.NaN)],
    regexps: [/x/gi, /y/],
    map: new Map<unknown, unknown>([[shared, new Set([shared])]]),
    bare: Object.assign(Object.create(null), { a: 1 }),
    boxed: [new String("s"), new Number(2), new Boolean(true)],
    url: new URL("https://example.com/?q=1"),
    params: new URLSearchParams("a=1"),
    buffer,
    whole: new Uint16Array(buffer),
    bytes: new Uint8Array([9, 8]),
    view: new DataView(new ArrayBuffer(2)),
  };
  self.self = self;
  return self;
}

describe("devalue compatibility", () => {
  it("devalue.parse reads what serialize writes", () => {
    const value = sample();
    const copy = devalue.parse(serialize(value)) as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect(copy.url).toBeInstanceOf(URL);
    expect(String(copy.url)).toBe(String(value.url));
    expect(String(copy.params)).toBe(String(value.params));
    expect(copy).toStrictEqual(value);
  });

  it("deserialize reads what devalue.stringify writes", () => {
    const value = sample();
    const buffer = new ArrayBuffer(8);
    value.partial = new Uint8Array(buffer, 2, 4);
    value.sameBuffer = new Uint8Array(buffer);
    const copy = deserialize(devalue.stringify(value)) as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect((copy.partial as Uint8Array).buffer).toBe((copy.sameBuffer as Uint8Array).buffer);
    expect(copy).toStrictEqual(value);
  });

  it("agree on random JSON-ish values both ways", () => {
    const arbitrary = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
    });
    fc.assert(
      fc.property(arbitrary, (value) => {
        // devalue refuses "__proto__" keys, which we support.
        fc.pre(!serialize(value).includes('"__proto__"'));
        expect(devalue.parse(serialize(value))).toStrictEqual(value);
        expect(deserialize(devalue.stringify(value))).toStrictEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});
