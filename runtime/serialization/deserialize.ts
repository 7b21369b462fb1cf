import type { SerializationContext } from "./context.js";
import { createMalformedInputError, messageOf } from "./error-messages.js";
import { ValueReader } from "./reader.js";
import { isSerializationError } from "./serialization-error.js";

/**
 * Rebuilds a value from text written by `serialize` (or devalue's
 * `stringify`), with the constructors of the realm of `context.global`.
 *
 * @throws SerializationError with code SERIALIZATION_MALFORMED_INPUT,
 * SERIALIZATION_UNKNOWN_CLASS, SERIALIZATION_UNKNOWN_STEP,
 * SERIALIZATION_MISSING_CALLBACK, SERIALIZATION_CALLBACK_FAILED, or SERIALIZATION_LIMIT
 * (deeper or larger than `context.limits`, shared references counted each time).
 */
export function deserialize(text: string, context: SerializationContext = {}): unknown {
  const operation = context.operation ?? "value";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw createMalformedInputError(operation, `not JSON: ${messageOf(error)}`);
  }
  const reader = new ValueReader(Array.isArray(parsed) ? parsed : [], context);
  try {
    if (typeof parsed === "number") return reader.readConstant(parsed);
    if (!Array.isArray(parsed) || parsed.length === 0) {
      throw createMalformedInputError(operation, "not a non-empty JSON array");
    }
    return reader.read(0);
  } catch (error) {
    // A built-in constructor rejected what it was given (an invalid URL, ...).
    if (isSerializationError(error)) throw error;
    throw createMalformedInputError(operation, messageOf(error));
  }
}
