/**
 * A request the HTTP handlers refuse before anything is written. Codes are stable; the
 * handlers turn them into statuses in one table (`responses.ts`).
 */
import { REQUEST_ERROR_MARKER as MARKER } from "../../protocol/symbols.js";
export type RequestErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "UNSUPPORTED_MEDIA_TYPE";

export class RequestError extends Error {
  override name = "RequestError";
  readonly [MARKER] = true;
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    /** Extra response headers (`Allow` for METHOD_NOT_ALLOWED, `Retry-After` for 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** Recognises a RequestError from any copy of this module. */
  static is(value: unknown): value is RequestError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}
