/**
 * The serializer's single walk over a value: it checks, flattens and encodes
 * in one pass, writing devalue's format (see format.ts). Plain data is handled
 * here; other types go to the codecs by brand.
 */
import { getSerializingClass } from "./class-registry.js";
import {
  describeCycle,
  ENCODERS,
  encodeFunction,
  encodeInstance,
  type Writer,
} from "./codecs/index.js";
import type { SerializationContext } from "./context.js";
import { describeUnsupported, type ValueDescription } from "./describe-value.js";
import { createCallbackFailedError, createUnsupportedValueError } from "./error-messages.js";
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
import { getTag, isArrayPrototype, isIntrinsicPrototype, isObjectPrototype } from "./prototypes.js";
import { isSerializationError, type SerializationError } from "./serialization-error.js";
import { formatPath, type PathKey } from "./value-path.js";

const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

/** Serializes one value; use once. */
export class ValueWriter implements Writer {
  readonly context: SerializationContext;
  /** The JSON text of each entry; entry 0 is the root. */
  private readonly entries: string[] = [];
  /** Entry index of every object and primitive written, so shared values are written once. */
  private readonly indexes = new Map<unknown, number>();
  /** The path to the value being written, formatted only for errors. */
  private readonly keys: PathKey[] = [];
  /** Indexes of class instances whose serialized data is being written. */
  private readonly open = new Set<number>();
  /** The same limits as the reader's, so what is written can be read back. */
  private readonly meter: GraphMeter;

  constructor(context: SerializationContext) {
    this.context = context;
    this.meter = new GraphMeter(
      {
        direction: "serialize",
        operation: context.operation ?? "value",
        path: () => this.pathTo(undefined),
      },
      context.limits,
    );
  }

  /** The serialized text of `value`. */
  serialize(value: unknown): string {
    const index = this.write(value);
    return index < 0 ? String(index) : `[${this.entries.join(",")}]`;
  }

  write(value: unknown, key?: PathKey): number {
    if (key === undefined) return this.flatten(value);
    this.keys.push(key);
    const index = this.flatten(value);
    this.keys.pop();
    return index;
  }

  tryWrite(value: unknown, key: PathKey): number | undefined {
    const mark = this.entries.length;
    const depth = this.keys.length;
    const measured = this.meter.mark();
    try {
      return this.write(value, key);
    } catch (error) {
      if (!isSerializationError(error)) throw error;
      // Forget everything written since the mark; nothing older refers to it.
      this.entries.length = mark;
      for (const [written, index] of this.indexes) if (index >= mark) this.indexes.delete(written);
      this.keys.length = depth;
      this.meter.restore(measured);
      return undefined;
    }
  }

  add(entry: string): number {
    return this.entries.push(entry) - 1;
  }

  unsupported(
    value: unknown,
    key?: PathKey,
    description: ValueDescription = describeUnsupported(value),
  ): SerializationError {
    return createUnsupportedValueError({
      operation: this.context.operation ?? "value",
      path: this.pathTo(key),
      valueType: description.type,
      hint: description.hint,
    });
  }

  callbackFailed(callback: string, cause: unknown): SerializationError {
    if (isSerializationError(cause)) return cause;
    return createCallbackFailedError({
      operation: this.context.operation ?? "value",
      direction: "serialize",
      callback,
      path: this.pathTo(undefined),
      cause,
    });
  }

  private pathTo(key: PathKey | undefined): string {
    const keys = key === undefined ? this.keys : [...this.keys, key];
    return formatPath(this.context.root ?? "value", keys);
  }

  private flatten(value: unknown): number {
    if (typeof value === "function" || (typeof value === "object" && value !== null))
      return this.flattenObject(value);
    this.meter.leaf();
    return this.flattenPrimitive(value);
  }

  private flattenObject(value: object): number {
    const known = this.indexes.get(value);
    if (known !== undefined) {
      if (this.open.size > 0 && this.open.has(known)) {
        const cls = getSerializingClass(Object.getPrototypeOf(value));
        throw this.unsupported(value, undefined, cls && describeCycle(cls));
      }
      this.meter.reference(known);
      return known;
    }
    this.meter.enter();
    const index = typeof value === "function" ? this.writeFunction(value) : this.writeObject(value);
    this.meter.leave(index);
    return index;
  }

  private flattenPrimitive(value: unknown): number {
    switch (typeof value) {
      case "undefined":
        return UNDEFINED;
      case "number":
        if (value !== value) return NAN;
        if (value === Number.POSITIVE_INFINITY) return POSITIVE_INFINITY;
        if (value === Number.NEGATIVE_INFINITY) return NEGATIVE_INFINITY;
        if (value === 0 && 1 / value < 0) return NEGATIVE_ZERO;
        return this.indexes.get(value) ?? this.addShared(value, String(value));
      case "string":
        return this.indexes.get(value) ?? this.addShared(value, JSON.stringify(value));
      case "boolean":
        return this.indexes.get(value) ?? this.addShared(value, String(value));
      case "bigint":
        return this.indexes.get(value) ?? this.addShared(value, `["BigInt","${value}"]`);
      case "symbol":
        throw this.unsupported(value);
      default:
        return this.indexes.get(null) ?? this.addShared(null, "null");
    }
  }

  private addShared(value: unknown, entry: string): number {
    const index = this.entries.push(entry) - 1;
    this.indexes.set(value, index);
    return index;
  }

  private writeFunction(fn: Function): number {
    // Reserved before its stepId is written: the root must be entry 0.
    const index = this.addShared(fn, "");
    const entry = encodeFunction(fn, this);
    if (entry === undefined) throw this.unsupported(fn);
    this.entries[index] = entry;
    return index;
  }

  private writeObject(value: object): number {
    // Reserve the index first, so that cycles back to this value can point at it.
    const index = this.entries.push("") - 1;
    this.indexes.set(value, index);
    this.entries[index] = this.encodeObject(value, index);
    return index;
  }

  private encodeObject(value: object, index: number): string {
    const proto: object | null = Object.getPrototypeOf(value);
    if (Array.isArray(value) && isArrayPrototype(proto)) return this.encodeArray(value);
    if (proto === null) return this.encodeNullPrototypeObject(value);
    if (isObjectPrototype(proto)) return this.encodePlainObject(value);
    const cls = getSerializingClass(proto);
    if (cls !== undefined) {
      this.open.add(index);
      try {
        return encodeInstance(value, cls, this);
      } finally {
        this.open.delete(index);
      }
    }
    const tag = getTag(value);
    const encoder = ENCODERS.get(tag);
    if (encoder !== undefined && (encoder.subclasses || isIntrinsicPrototype(proto, tag))) {
      return encoder.encode(value, this, tag);
    }
    throw this.unsupported(value);
  }

  private encodeArray(array: readonly unknown[]): string {
    const length = array.length;
    let entry = "[";
    for (let i = 0; i < length; i++) {
      const item = array[i];
      if (item === undefined && !Object.hasOwn(array, i)) return this.encodeHoleyArray(array);
      entry += i === 0 ? this.write(item, i) : `,${this.write(item, i)}`;
    }
    return `${entry}]`;
  }

  /**
   * An array with holes: each hole as HOLE, or only the populated indexes when
   * that is shorter (so `a[1e9] = 1` does not write a billion holes). Items
   * before the first hole were written already; writing them again is a lookup.
   */
  private encodeHoleyArray(array: readonly unknown[]): string {
    const length = array.length;
    const indexes = getArrayIndexes(array);
    const digits = String(length).length;
    const holeCost = (length - indexes.length) * 3;
    const sparseCost = 4 + digits + indexes.length * (digits + 1);
    if (sparseCost < holeCost) {
      let entry = `[${SPARSE},${length}`;
      for (const i of indexes) entry += `,${i},${this.write(array[i], i)}`;
      return `${entry}]`;
    }
    const refs: number[] = [];
    for (let i = 0; i < length; i++)
      refs.push(Object.hasOwn(array, i) ? this.write(array[i], i) : HOLE);
    return `[${refs.join(",")}]`;
  }

  private encodePlainObject(object: object): string {
    this.assertNoSymbolKeys(object);
    let entry = "{";
    let first = true;
    for (const key of Object.keys(object)) {
      const ref = this.write((object as Record<string, unknown>)[key], key);
      entry += `${first ? "" : ","}${JSON.stringify(key)}:${ref}`;
      first = false;
    }
    return `${entry}}`;
  }

  private encodeNullPrototypeObject(object: object): string {
    this.assertNoSymbolKeys(object);
    let entry = '["null"';
    for (const key of Object.keys(object)) {
      entry += `,${JSON.stringify(key)},${this.write((object as Record<string, unknown>)[key], key)}`;
    }
    return `${entry}]`;
  }

  private assertNoSymbolKeys(object: object): void {
    for (const symbol of Object.getOwnPropertySymbols(object)) {
      if (propertyIsEnumerable.call(object, symbol)) {
        throw this.unsupported(symbol, symbol, {
          type: "Symbol-keyed property",
          hint: "Symbol keys cannot be serialized: use a string key instead.",
        });
      }
    }
  }
}

/** The populated indexes of an array, ascending (they come first in key order). */
function getArrayIndexes(array: readonly unknown[]): number[] {
  const indexes: number[] = [];
  for (const key of Object.keys(array)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index > MAX_ARRAY_INDEX || String(index) !== key)
      break;
    indexes.push(index);
  }
  return indexes;
}
