/** Why a world refused a write. Stable codes; HTTP handlers map them to statuses in one table. */
export type WorldErrorCode =
  /** The entity already exists, or is already in the state the event would put it in. */
  | "ENTITY_CONFLICT"
  /** The run already completed, failed or was cancelled. */
  | "RUN_TERMINAL"
  /** The run, step, wait or hook does not exist. */
  | "NOT_FOUND"
  /** The step may not start again before its `retryAfter`. */
  | "TOO_EARLY"
  /** The event is malformed (unknown type, missing correlation ID, bad data). */
  | "INVALID_EVENT"
  /** Chunks were appended to an output stream that is already closed. */
  | "STREAM_CLOSED";

const WORLD_ERROR = Symbol.for("workflow.WorldError");

export class WorldError extends Error {
  override name = "WorldError";
  readonly [WORLD_ERROR] = true;
  constructor(
    readonly code: WorldErrorCode,
    message: string,
    /** For TOO_EARLY: epoch ms after which the write is allowed. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** Recognises a WorldError from any realm or copy of this module. */
  static is(value: unknown, code?: WorldErrorCode): value is WorldError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[WORLD_ERROR] === true &&
      (code === undefined || (value as WorldError).code === code)
    );
  }
}
