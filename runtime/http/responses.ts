/**
 * Error to HTTP status, in one table: handlers never match message text. A 4xx tells the caller
 * what is wrong with the request; a 500 tells it only a request ID, and the detail goes to the
 * server's log under that ID (`ErrorReporter`).
 */
import { randomUUID } from "node:crypto";
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
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SECRET_NOT_CONFIGURED: 503,
  // WorkflowError
  HOOK_NOT_FOUND: 404,
  WORKFLOW_RUN_NOT_FOUND: 404,
  HOOK_PAYLOAD_INVALID: 422,
  // WorldError
  INVALID_EVENT: 400,
  ENTITY_CONFLICT: 409,
  RUN_TERMINAL: 409,
  TOO_EARLY: 425,
  // The run's stored log could not be read and was set aside: unavailable until an operator
  // restores it from quarantine/.
  RUN_QUARANTINED: 503,
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

/**
 * Where an internal error's detail goes: the server's log, never the response. `requestId` is
 * the one in the 500 body, so an operator can find the detail of what a caller saw.
 */
export type ErrorReporter = (error: unknown, context: { requestId: string }) => void;

/**
 * The default {@link ErrorReporter}, and the only place this package's HTTP handlers write to
 * the console: an unexpected error is something an operator must see.
 */
export const logInternalError: ErrorReporter = (error, { requestId }) => {
  console.error(`[workflow] internal error, requestId ${requestId}:`, error);
};

/**
 * The 500 for an error the caller has no part in: a body with only a request ID to quote, the
 * detail reported with the same ID.
 */
export function internalError(error: unknown, report: ErrorReporter = logInternalError): Response {
  const requestId = `req_${randomUUID()}`;
  try {
    report(error, { requestId });
  } catch {
    // a reporter that throws must not turn the 500 into something else
  }
  return Response.json({ error: "INTERNAL_ERROR", requestId }, { status: 500 });
}

/**
 * What a caller is told about the coded errors of the engine and the world, whose own messages
 * name runs, steps and files: the request's fault, not those details.
 */
const REASON_BY_CODE: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: "Not found.",
  HOOK_NOT_FOUND: "No such hook.",
  WORKFLOW_RUN_NOT_FOUND: "No such run.",
  INVALID_EVENT: "The request would write an invalid event.",
  ENTITY_CONFLICT: "The request conflicts with the run's current state.",
  RUN_TERMINAL: "The run has already ended.",
  TOO_EARLY: "Too early; retry later.",
};

/**
 * The response for anything a handler threw: a coded error's status with a reason for the
 * caller; anything else (or a code with no status) a 500 reported through `report`.
 */
export function toErrorResponse(thrown: unknown, report?: ErrorReporter): Response {
  let code: ErrorCode | undefined;
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
  const status = code === undefined ? undefined : STATUS_BY_CODE[code];
  // A RequestError is refused on purpose (SECRET_NOT_CONFIGURED is a 503 the caller may read).
  const deliberate = RequestError.is(thrown) || (status !== undefined && status < 500);
  if (code === undefined || status === undefined || !deliberate)
    return internalError(thrown, report);
  // RequestError messages are written for the caller, as is a hook payload's validation.
  const reason = RequestError.is(thrown)
    ? thrown.message
    : (REASON_BY_CODE[code] ?? (thrown as Error).message);
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
