/**
 * A request the HTTP handlers refuse before anything is written. Codes are stable; the
 * handlers turn them into statuses in one table (`responses.ts`). Messages go to the caller:
 * they say what is wrong with the request and never carry run IDs, paths or parser text.
 */
import { REQUEST_ERROR_MARKER as MARKER } from "../../protocol/symbols.js";
export type RequestErrorCode =
  | "BAD_REQUEST"
  /** A delivery to the flow or step route that is unsigned, wrongly signed, expired or replayed. */
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  /** The world has no delivery secret, so the flow and step routes take nothing. */
  | "SECRET_NOT_CONFIGURED";

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
