/**
 * Stable codes of {@link SerializationError}; callers map them to behaviour
 * (and HTTP statuses) without reading messages.
 */
export { SERIALIZATION_ERROR_MARKER } from "../../protocol/symbols.js";
import { SERIALIZATION_ERROR_MARKER } from "../../protocol/symbols.js";
export type SerializationErrorCode =
  /** The value holds something that cannot be serialized (a function, a Symbol, an unregistered class instance, ...). */
  | "SERIALIZATION_UNSUPPORTED_VALUE"
  /** A class's workflow-serialize / workflow-deserialize method, or a context callback, threw. */
  | "SERIALIZATION_CALLBACK_FAILED"
  /** The text to deserialize is not something `serialize` wrote. */
  | "SERIALIZATION_MALFORMED_INPUT"
  /** A class instance names a class ID that no registry of the target realm holds. */
  | "SERIALIZATION_UNKNOWN_CLASS"
  /** A step function reference that the context's `resolveStep` does not know. */
  | "SERIALIZATION_UNKNOWN_STEP"
  /** The serialized value needs a context callback (`resolveStep`, `streams`) that was not given. */
  | "SERIALIZATION_MISSING_CALLBACK"
  /** The value is deeper or larger than the context's `limits` allow (see limits.ts). */
  | "SERIALIZATION_LIMIT";

/** The data a {@link SerializationError} carries besides its message. */
export interface SerializationErrorDetails {
  /** What was being (de)serialized, e.g. `arguments of step "step//./src/order//charge"`. */
  readonly operation: string;
  /** Where inside the value, e.g. `args[1].customer.onUpdate`. */
  readonly path?: string;
  /** The kind of value that failed, e.g. `function`, `Symbol`, `class Foo instance`. */
  readonly valueType?: string;
  /** What to do about it. */
  readonly hint?: string;
  /** The error a callback threw, if any. */
  readonly cause?: unknown;
  /** For SERIALIZATION_LIMIT: which limit was exceeded, and its value. */
  readonly limit?: { readonly name: "maxDepth" | "maxNodes"; readonly value: number };
}

/** A value that could not be serialized or deserialized. */
export class SerializationError extends Error {
  override readonly name = "SerializationError";
  readonly code: SerializationErrorCode;
  readonly operation: string;
  readonly path: string | undefined;
  readonly valueType: string | undefined;
  readonly hint: string | undefined;
  readonly limit: SerializationErrorDetails["limit"];
  readonly [SERIALIZATION_ERROR_MARKER] = true;

  constructor(code: SerializationErrorCode, message: string, details: SerializationErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.operation = details.operation;
    this.path = details.path;
    this.valueType = details.valueType;
    this.hint = details.hint;
    this.limit = details.limit;
  }

  /** Whether `value` is a SerializationError, from any realm. */
  static is(value: unknown): value is SerializationError {
    return isSerializationError(value);
  }
}

/** Whether `value` is a {@link SerializationError}, from any realm. */
export function isSerializationError(value: unknown): value is SerializationError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[SERIALIZATION_ERROR_MARKER] === true
  );
}
