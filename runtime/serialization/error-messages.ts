/**
 * Every SerializationError is made here, so the wording stays uniform:
 * what failed (the operation), where (the path), what it is, what to do.
 */
import { DESERIALIZE_METHOD, SERIALIZE_METHOD } from "./describe-value.js";
import { SerializationError } from "./serialization-error.js";

interface AtPath {
  readonly operation: string;
  readonly path: string;
}

/** A value that cannot be serialized, e.g. a function at `args[1].customer.onUpdate`. */
export function createUnsupportedValueError(
  at: AtPath & { readonly valueType: string; readonly hint: string },
): SerializationError {
  return new SerializationError(
    "SERIALIZATION_UNSUPPORTED_VALUE",
    `Cannot serialize ${at.operation}: ${at.path} is ${withArticle(at.valueType)}. ${capitalize(at.hint)}`,
    at,
  );
}

/** A class method or context callback threw while (de)serializing. */
export function createCallbackFailedError(failure: {
  readonly operation: string;
  readonly direction: "serialize" | "deserialize";
  /** Names the callback, e.g. `Symbol.for("workflow-serialize") of class Money`. */
  readonly callback: string;
  /** Where in the value (serialize only; deserialize does not track paths). */
  readonly path?: string;
  readonly cause: unknown;
}): SerializationError {
  const where = failure.path === undefined ? "" : ` at ${failure.path}`;
  return new SerializationError(
    "SERIALIZATION_CALLBACK_FAILED",
    `Cannot ${failure.direction} ${failure.operation}: ${failure.callback} threw${where}: ${messageOf(failure.cause)}`,
    failure,
  );
}

/** The text is not something `serialize` wrote. */
export function createMalformedInputError(operation: string, reason: string): SerializationError {
  return new SerializationError(
    "SERIALIZATION_MALFORMED_INPUT",
    `Cannot deserialize ${operation}: the input is malformed (${reason}). Only text written by serialize() can be deserialized.`,
    { operation },
  );
}

/** A class ID no registry knows. */
export function createUnknownClassError(operation: string, classId: string): SerializationError {
  const hint = `Make sure the module that defines the class is loaded; the workflow compiler registers classes that have static ${SERIALIZE_METHOD} / ${DESERIALIZE_METHOD} methods.`;
  return new SerializationError(
    "SERIALIZATION_UNKNOWN_CLASS",
    `Cannot deserialize ${operation}: no class is registered as "${classId}". ${hint}`,
    { operation, valueType: `class ${classId} instance`, hint },
  );
}

/** A step reference that `resolveStep` does not know. */
export function createUnknownStepError(operation: string, stepId: string): SerializationError {
  const hint = "Make sure the module that defines the step is part of the step bundle.";
  return new SerializationError(
    "SERIALIZATION_UNKNOWN_STEP",
    `Cannot deserialize ${operation}: step "${stepId}" is not registered. ${hint}`,
    { operation, valueType: "step function", hint },
  );
}

/** The value needs a context callback that was not given. */
export function createMissingCallbackError(
  operation: string,
  valueType: string,
  option: "resolveStep" | "streams",
): SerializationError {
  const hint = `Pass a context with ${option} to deserialize().`;
  return new SerializationError(
    "SERIALIZATION_MISSING_CALLBACK",
    `Cannot deserialize ${operation}: it contains ${withArticle(valueType)}, which needs the context's ${option} option. ${hint}`,
    { operation, valueType, hint },
  );
}

function withArticle(type: string): string {
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The message of a thrown value, whatever it is. */
export function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
