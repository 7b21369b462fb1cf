import type { SerializationContext } from "./context.js";
import { ValueWriter } from "./writer.js";

/**
 * Serializes `value` to text (devalue's format): plain data, cycles and shared
 * references, built-in types (Date, Map, Set, RegExp, BigInt, URL, Headers,
 * Error, typed arrays, ...), registered classes, step functions, and streams
 * when the context handles them.
 *
 * @throws SerializationError naming `context.operation`, the path inside the
 * value and its type, when the value holds something that cannot be
 * serialized (code SERIALIZATION_UNSUPPORTED_VALUE), or when a class's
 * serialize method or a context callback throws (SERIALIZATION_CALLBACK_FAILED).
 */
export function serialize(value: unknown, context: SerializationContext = {}): string {
  return new ValueWriter(context).serialize(value);
}
