/** Error to HTTP status, in one table: handlers never match message text. */
import type { WorldErrorCode } from "../../protocol/codes.js";
import { WorkflowError, type WorkflowErrorCode } from "../errors/index.js";
import {
  isSerializationError,
  type SerializationErrorCode,
} from "../serialization/serialization-error.js";
import { WorldError } from "../worlds/shared/world-error.js";
import { RequestError, type RequestErrorCode } from "./request-error.js";

/** Every code an error that reaches a handler can carry; a code missing here answers 500. */
type ErrorCode = RequestErrorCode | WorkflowErrorCode | WorldErrorCode | SerializationErrorCode;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  // RequestError
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // WorkflowError
  HOOK_NOT_FOUND: 404,
  WORKFLOW_RUN_NOT_FOUND: 404,
  HOOK_PAYLOAD_INVALID: 422,
  // WorldError
  INVALID_EVENT: 400,
  ENTITY_CONFLICT: 409,
  RUN_TERMINAL: 409,
  TOO_EARLY: 425,
  // SerializationError: a payload deeper or larger than the limits (e.g. a body passed to
  // resumeHook); the caller sent it, so it is theirs to fix.
  SERIALIZATION_LIMIT: 422,
};

/** A JSON error body: `{ error: <stable code>, reason: <what happened and what to do> }`. */
export function jsonError(
  status: number,
  error: string,
  reason: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error, reason }, { status, headers });
}

/** The response for anything a handler threw. */
export function toErrorResponse(thrown: unknown): Response {
  let code: ErrorCode | "INTERNAL_ERROR" = "INTERNAL_ERROR";
  let headers: Record<string, string> = {};
  if (RequestError.is(thrown)) {
    code = thrown.code;
    headers = thrown.headers;
  } else if (
    WorkflowError.is(thrown) ||
    WorldError.is(thrown) ||
    (isSerializationError(thrown) && thrown.code === "SERIALIZATION_LIMIT")
  ) {
    code = thrown.code;
  }
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  const status = code === "INTERNAL_ERROR" ? 500 : (STATUS_BY_CODE[code] ?? 500);
  return jsonError(status, code, reason, headers);
}

/** `405` naming the methods the route takes. */
export function methodNotAllowed(method: string, allowed: readonly string[]): RequestError {
  return new RequestError(
    "METHOD_NOT_ALLOWED",
    `${method} is not allowed here; use ${allowed.join(" or ")}.`,
    { allow: allowed.join(", ") },
  );
}
