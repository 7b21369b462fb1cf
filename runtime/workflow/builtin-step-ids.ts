/**
 * The IDs of the steps the runtime itself provides (engine/builtin-steps.ts runs them on the
 * host, with no step bundle). Code in the sandbox calls them by these IDs; the compiler keeps
 * any `__builtin` name as it is, so no user file can collide with one by accident.
 */

/** `fetch` from "workflow": performs the request and records the whole Response. */
export const FETCH_STEP_ID = "__builtin_fetch";

/** One language-model call of a `DurableAgent`, streamed to the run's writable. */
export const AI_MODEL_CALL_STEP_ID = "__builtin_ai_model_call";

/** Writes a `DurableAgent`'s own UI chunks (tool outputs, errors, finish) and closes the stream. */
export const AI_WRITE_CHUNKS_STEP_ID = "__builtin_ai_write_chunks";
