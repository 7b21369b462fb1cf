/** Boxed primitives (`new String("x")`, `Object(1n)`, ...): `["Object", primitive]` (as devalue). */
import type { TypeDecoder, TypeEncoder } from "./codec.js";

// Host methods that unbox a wrapper of any realm.
const unboxers: Record<string, (this: unknown) => unknown> = {
  Number: Number.prototype.valueOf,
  String: String.prototype.valueOf,
  Boolean: Boolean.prototype.valueOf,
  BigInt: BigInt.prototype.valueOf,
};

const boxedEncoder: TypeEncoder = {
  encode: (boxed: object, writer, tag) => `["Object",${writer.write(unboxers[tag]!.call(boxed))}]`,
};

export const boxedEncoders: Record<string, TypeEncoder> = {
  Number: boxedEncoder,
  String: boxedEncoder,
  Boolean: boxedEncoder,
  BigInt: boxedEncoder,
};

export const boxedDecoders: Record<string, TypeDecoder> = {
  Object: {
    create(entry, reader) {
      const raw = typeof entry[1] === "number" && entry[1] < 0 ? undefined : reader.entry(entry[1]);
      // Only a primitive (or a BigInt entry) can be boxed; anything else could loop.
      const isBigInt = Array.isArray(raw) && raw[0] === "BigInt";
      if (raw === null || (typeof raw === "object" && !isBigInt)) {
        throw reader.malformed("a boxed value that is not a primitive");
      }
      const value = reader.read(entry[1]);
      if (value === undefined) throw reader.malformed("a boxed undefined");
      const box = reader.realm.getConstructor("Object") as unknown as (value: unknown) => object;
      return box(value);
    },
  },
};
