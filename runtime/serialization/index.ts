/**
 * Serialization of the values that cross a workflow's boundaries: `start()`
 * arguments, step arguments and results, hook payloads, return values.
 */
export {
  CLASS_REGISTRY,
  findSerializableClass,
  getClassRegistry,
  registerSerializableClass,
  type SerializableClass,
  WORKFLOW_DESERIALIZE,
  WORKFLOW_SERIALIZE,
} from "./class-registry.js";
export type { SerializationContext, StreamCodec, StreamKind } from "./context.js";
export { deserialize } from "./deserialize.js";
export { DEFAULT_SERIALIZATION_LIMITS, type SerializationLimits } from "./limits.js";
export { serialize } from "./serialize.js";
export {
  isSerializationError,
  SERIALIZATION_ERROR_MARKER,
  SerializationError,
  type SerializationErrorCode,
  type SerializationErrorDetails,
} from "./serialization-error.js";
