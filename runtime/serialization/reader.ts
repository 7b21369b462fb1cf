/**
 * Rebuilds a value from devalue's format (see format.ts) in a target realm.
 * Plain data is handled here; tagged entries go to the codecs. Every index is
 * validated, and a value is built once however often it is referenced.
 */
import { DECODERS, type Reader } from "./codecs/index.js";
import type { SerializationContext } from "./context.js";
import { createCallbackFailedError, createMalformedInputError } from "./error-messages.js";
import {
  HOLE,
  MAX_ARRAY_INDEX,
  NAN,
  NEGATIVE_INFINITY,
  NEGATIVE_ZERO,
  POSITIVE_INFINITY,
  SPARSE,
  UNDEFINED,
} from "./format.js";
import { GraphMeter } from "./limits.js";
import { getRealm, type Realm } from "./realm.js";
import { isSerializationError, type SerializationError } from "./serialization-error.js";

/** Not built yet. */
const UNBUILT = Symbol("unbuilt");
/** Being built by a codec that needs its children first; a reference to it is a cycle. */
const BUILDING = Symbol("building");

/** Deserializes one parsed value; use once. */
export class ValueReader implements Reader {
  readonly context: SerializationContext;
  readonly operation: string;
  readonly realm: Realm;
  private readonly entries: readonly unknown[];
  private readonly values: unknown[];
  private readonly meter: GraphMeter;

  constructor(entries: readonly unknown[], context: SerializationContext) {
    this.context = context;
    this.operation = context.operation ?? "value";
    this.realm = getRealm(context.global);
    this.entries = entries;
    this.values = new Array(entries.length).fill(UNBUILT);
    this.meter = new GraphMeter(
      { direction: "deserialize", operation: this.operation },
      context.limits,
    );
  }

  read(index: unknown): unknown {
    if (typeof index !== "number") throw this.malformed("a reference is not a number");
    if (index < 0) {
      const constant = this.readConstant(index);
      this.meter.leaf();
      return constant;
    }
    this.assertIndex(index);
    const value = this.values[index];
    if (value === UNBUILT) {
      this.meter.enter();
      const built = this.build(index);
      this.meter.leave(index);
      return built;
    }
    if (value === BUILDING) throw this.malformed("a cycle through a value that cannot hold one");
    this.meter.reference(index);
    return value;
  }

  entry(index: unknown): unknown {
    if (typeof index !== "number") throw this.malformed("a reference is not a number");
    this.assertIndex(index);
    return this.entries[index];
  }

  malformed(reason: string): SerializationError {
    return createMalformedInputError(this.operation, reason);
  }

  callbackFailed(callback: string, cause: unknown): SerializationError {
    if (isSerializationError(cause)) return cause;
    return createCallbackFailedError({
      operation: this.operation,
      direction: "deserialize",
      callback,
      cause,
    });
  }

  /** The value of a negative reference. */
  readConstant(index: number): unknown {
    switch (index) {
      case UNDEFINED:
        return undefined;
      case NAN:
        return Number.NaN;
      case POSITIVE_INFINITY:
        return Number.POSITIVE_INFINITY;
      case NEGATIVE_INFINITY:
        return Number.NEGATIVE_INFINITY;
      case NEGATIVE_ZERO:
        return -0;
      default:
        throw this.malformed(`${index} is not a constant`);
    }
  }

  private assertIndex(index: number): void {
    if (!Number.isInteger(index) || index >= this.entries.length) {
      throw this.malformed(`reference ${index} points outside the input`);
    }
  }

  private build(index: number): unknown {
    const entry = this.entries[index];
    if (typeof entry !== "object" || entry === null) {
      this.values[index] = entry;
      return entry;
    }
    if (!Array.isArray(entry)) return this.buildObject(index, entry as Record<string, unknown>);
    const head: unknown = entry[0];
    if (typeof head === "string") return this.buildTagged(index, entry, head);
    if (head === SPARSE) return this.buildSparseArray(index, entry);
    return this.buildArray(index, entry);
  }

  private buildTagged(index: number, entry: readonly unknown[], tag: string): unknown {
    if (tag === "BigInt") return (this.values[index] = this.buildBigInt(entry));
    if (tag === "null") return this.buildNullPrototypeObject(index, entry);
    const decoder = DECODERS.get(tag);
    if (decoder === undefined) throw this.malformed(`unknown type "${tag}"`);
    this.values[index] = BUILDING;
    const value = decoder.create(entry, this);
    this.values[index] = value;
    decoder.fill?.(value, entry, this);
    return value;
  }

  private buildBigInt(entry: readonly unknown[]): bigint {
    const digits = entry[1];
    if (typeof digits !== "string" || !/^-?\d+$/.test(digits))
      throw this.malformed("a BigInt without its digits");
    return BigInt(digits);
  }

  private buildArray(index: number, entry: readonly unknown[]): unknown[] {
    const array = this.realm.createArray();
    this.values[index] = array;
    for (let i = 0; i < entry.length; i++) {
      const ref = entry[i];
      if (ref !== HOLE) array[i] = this.read(ref);
    }
    array.length = entry.length;
    return array;
  }

  private buildSparseArray(index: number, entry: readonly unknown[]): unknown[] {
    const length = entry[1];
    if (
      !Number.isInteger(length) ||
      (length as number) < 0 ||
      (length as number) > MAX_ARRAY_INDEX + 1
    ) {
      throw this.malformed("a sparse array without a valid length");
    }
    const array = this.realm.createArray();
    // Touching the largest index first puts the array in dictionary mode, so a
    // huge declared length costs no memory.
    array[MAX_ARRAY_INDEX] = undefined;
    delete array[MAX_ARRAY_INDEX];
    array.length = length as number;
    this.values[index] = array;
    for (let i = 2; i < entry.length; i += 2) {
      const position = entry[i];
      if (
        !Number.isInteger(position) ||
        (position as number) < 0 ||
        (position as number) >= array.length
      ) {
        throw this.malformed("a sparse array index out of range");
      }
      array[position as number] = this.read(entry[i + 1]);
    }
    return array;
  }

  private buildObject(index: number, entry: Record<string, unknown>): object {
    const object = this.realm.createObject();
    this.values[index] = object;
    for (const key of Object.keys(entry)) {
      const value = this.read(entry[key]);
      // Assigning "__proto__" would set the prototype instead of a property.
      if (key === "__proto__") defineProperty(object, key, value);
      else object[key] = value;
    }
    return object;
  }

  private buildNullPrototypeObject(index: number, entry: readonly unknown[]): object {
    if (entry.length % 2 === 0)
      throw this.malformed("a null-prototype object with a key but no value");
    const object: Record<string, unknown> = Object.create(null);
    this.values[index] = object;
    for (let i = 1; i < entry.length; i += 2) {
      const key = entry[i];
      if (typeof key !== "string") throw this.malformed("an object key that is not a string");
      object[key] = this.read(entry[i + 1]);
    }
    return object;
  }
}

function defineProperty(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
