import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deserialize, serialize } from "./index.js";

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: codeUnit }));

const leaf = fc.oneof(
  text,
  fc.double(), // includes NaN, ±Infinity, -0
  fc.integer(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);

/** Nested JSON-ish values with Dates, Maps, Sets, BigInts, holes and null prototypes. */
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("array"),
    tie("object"),
    tie("map"),
    tie("set"),
  ),
  array: fc.oneof(
    fc.array(tie("value"), { maxLength: 5 }),
    fc.sparseArray(tie("value"), { maxLength: 8 }),
  ),
  object: fc.dictionary(text, tie("value"), { maxKeys: 5, noNullPrototype: false }),
  map: fc
    .array(fc.tuple(tie("value"), tie("value")), { maxLength: 4 })
    .map((entries) => new Map(entries)),
  set: fc.array(tie("value"), { maxLength: 4 }).map((values) => new Set(values)),
}));

describe("fuzz", () => {
  it("nested values round-trip deep-equal", () => {
    fc.assert(
      fc.property(value, (original) => {
        expect(deserialize(serialize(original))).toStrictEqual(original);
      }),
      { numRuns: 500 },
    );
  });

  it("shared references and cycles survive", () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (items) => {
        const shared = { items };
        const root: Record<string, unknown> = {
          a: shared,
          b: [shared],
          map: new Map([[shared, shared]]),
        };
        root.self = root;
        const copy = deserialize(serialize(root)) as typeof root;
        expect(copy.self).toBe(copy);
        expect((copy.b as unknown[])[0]).toBe(copy.a);
        expect((copy.map as Map<unknown, unknown>).get(copy.a)).toBe(copy.a);
        expect(copy.a).toStrictEqual(shared);
      }),
      { numRuns: 100 },
    );
  });

  it("serializing is deterministic", () => {
    fc.assert(
      fc.property(value, (original) => {
        expect(serialize(deserialize(serialize(original)))).toBe(serialize(original));
      }),
      { numRuns: 200 },
    );
  });
});
