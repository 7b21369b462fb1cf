/**
 * The contract between the walkers (writer.ts, reader.ts) and the per-type
 * codecs in this folder. A codec file exports encoders keyed by the brand it
 * writes (Object.prototype.toString) and decoders keyed by the tag it reads.
 */
import type { SerializationContext } from "../context.js";
import type { ValueDescription } from "../describe-value.js";
import type { Realm } from "../realm.js";
import type { SerializationError } from "../serialization-error.js";
import type { PathKey } from "../value-path.js";

/** What an encoder sees of the writer. */
export interface Writer {
  readonly context: SerializationContext;
  /** Writes a nested value; returns its entry index or a negative constant. `key` extends the error path. */
  write(value: unknown, key?: PathKey): number;
  /**
   * Like `write`, but a value that cannot be serialized is left out (undone)
   * and `undefined` is returned. For best-effort data, such as an error's extras.
   */
  tryWrite(value: unknown, key: PathKey): number | undefined;
  /** Adds an entry no value owns (a payload) and returns its index. */
  add(entry: string): number;
  /** The error for an unsupported value at the current path (plus `key`). */
  unsupported(value: unknown, key?: PathKey, description?: ValueDescription): SerializationError;
  /** The error for a callback that threw at the current path (a SerializationError it threw is kept as is). */
  callbackFailed(callback: string, cause: unknown): SerializationError;
}

/** Writes the values of one brand. */
export interface TypeEncoder {
  /**
   * Accept instances of subclasses too (Node's Buffer is a Uint8Array; any
   * Error subclass is an Error). Otherwise the prototype must be the realm's own.
   * @default false
   */
  readonly subclasses?: boolean;
  /** Returns the value's entry, e.g. `["Date","2024-01-01T00:00:00.000Z"]`. */
  encode(value: any, writer: Writer, tag: string): string;
}

/** What a decoder sees of the reader. */
export interface Reader {
  readonly context: SerializationContext;
  readonly operation: string;
  readonly realm: Realm;
  /** The value an index refers to (validated; built on first use). */
  read(index: unknown): unknown;
  /** The raw entry an index refers to (validated). */
  entry(index: unknown): unknown;
  /** The error for input that `serialize` cannot have written. */
  malformed(reason: string): SerializationError;
  /** The error for a callback that threw (a SerializationError it threw is kept as is). */
  callbackFailed(callback: string, cause: unknown): SerializationError;
}

/** Builds the values of one tag. */
export interface TypeDecoder {
  /**
   * Builds the value, or an empty shell that `fill` completes. Only a shell can
   * be the target of a cycle: while `create` runs, a reference back to the
   * value is an error.
   */
  create(entry: readonly unknown[], reader: Reader): unknown;
  /** Completes a shell once cycles can point at it. */
  fill?(value: any, entry: readonly unknown[], reader: Reader): void;
}

/** A string field of an entry, or a malformed-input error. */
export function readString(value: unknown, reader: Reader, what: string): string {
  if (typeof value !== "string") throw reader.malformed(`${what} is not a string`);
  return value;
}

/** The realm's constructor `name`, or a malformed-input error if it has none. */
export function requireConstructor(reader: Reader, name: string) {
  const constructor = reader.realm.getConstructor(name);
  if (constructor === undefined) throw reader.malformed(`${name} is not available in this runtime`);
  return constructor;
}
