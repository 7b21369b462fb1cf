import type { WorldErrorCode } from "../../../protocol/codes.js";
import { WORLD_ERROR_MARKER as WORLD_ERROR } from "../../../protocol/symbols.js";

export type { WorldErrorCode };

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
