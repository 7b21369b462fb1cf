/**
 * Typed errors of `workflow/errors`. Each has a stable `code`; recognise them with the static
 * `is()` (works across realms and bundle copies), not `instanceof`.
 */
import type { FailureCode } from "../../protocol/codes.js";
import type { StoredError } from "../worlds/shared/events.js";
import { WORKFLOW_ERROR_MARKER as MARKER } from "../../protocol/symbols.js";

export type WorkflowErrorCode =
  | "WORKFLOW_RUN_FAILED"
  | "WORKFLOW_RUN_NOT_FOUND"
  | "WORKFLOW_RUN_CANCELLED"
  | "WORKFLOW_NOT_REGISTERED"
  | "INVALID_WORKFLOW"
  | "NO_RUNTIME"
  | "HOOK_NOT_FOUND"
  | "HOOK_CONFLICT"
  | "HOOK_PAYLOAD_INVALID"
  | "WEBHOOK_NOT_MANUAL"
  | "WEBHOOK_TOKEN_TOO_SHORT"
  | "STEP_TIMEOUT"
  | "RUN_TIMEOUT"
  /** `pauseSchedule`/`resumeSchedule`/`wf schedule` named a schedule the world does not have. */
  | "SCHEDULE_NOT_FOUND"
  /** `schedule()` on a world that keeps no schedules (`World.schedules` unset). */
  | "SCHEDULES_UNSUPPORTED";

/** Base of the errors the API throws. */
export class WorkflowError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  static is(value: unknown): value is WorkflowError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true
    );
  }
}

const is = (code: WorkflowErrorCode) => (value: unknown) =>
  WorkflowError.is(value) && value.code === code;

/** The run ended with an error; `cause` is that error, with its stack. */
export class WorkflowRunFailedError extends WorkflowError {
  static override is = is("WORKFLOW_RUN_FAILED") as (v: unknown) => v is WorkflowRunFailedError;
  constructor(
    readonly runId: string,
    readonly error: StoredError,
  ) {
    super("WORKFLOW_RUN_FAILED", `Workflow run ${runId} failed: ${error.message}`, {
      cause: toError(error),
    });
  }
}

export class WorkflowRunNotFoundError extends WorkflowError {
  static override is = is("WORKFLOW_RUN_NOT_FOUND") as (
    v: unknown,
  ) => v is WorkflowRunNotFoundError;
  constructor(readonly runId: string) {
    super(
      "WORKFLOW_RUN_NOT_FOUND",
      `Workflow run ${runId} does not exist. Check the ID, and that this process uses the same world (WORKFLOW_TARGET_WORLD, WORKFLOW_DATA_DIR).`,
    );
  }
}

export class WorkflowRunCancelledError extends WorkflowError {
  static override is = is("WORKFLOW_RUN_CANCELLED") as (
    v: unknown,
  ) => v is WorkflowRunCancelledError;
  constructor(readonly runId: string) {
    super("WORKFLOW_RUN_CANCELLED", `Workflow run ${runId} was cancelled.`);
  }
}

/** The value passed to start() is not a workflow (no `workflowId`). */
export class InvalidWorkflowError extends WorkflowError {
  static override is = is("INVALID_WORKFLOW") as (v: unknown) => v is InvalidWorkflowError;
  constructor(what: string) {
    super(
      "INVALID_WORKFLOW",
      `start() needs a workflow function, got ${what}. Mark the function with "use workflow" and make sure the workflow plugin (or node --import workflow/register) transforms the file that imports it.`,
    );
  }
}

/** No live hook holds the token: it never existed, was disposed, or its run ended. */
export class HookNotFoundError extends WorkflowError {
  static override is = is("HOOK_NOT_FOUND") as (v: unknown) => v is HookNotFoundError;
  constructor(readonly token: string) {
    super(
      "HOOK_NOT_FOUND",
      `No live hook has the token ${JSON.stringify(token)}. Check the token; a hook stops accepting payloads when it is disposed or its run ends.`,
    );
  }
}

/**
 * Thrown inside a workflow that awaits a hook whose token a live hook (of this run or another)
 * already holds. Tokens are unique among live hooks and free again once their run ends.
 */
export class HookConflictError extends WorkflowError {
  static override is = is("HOOK_CONFLICT") as (v: unknown) => v is HookConflictError;
  constructor(
    readonly token: string,
    readonly conflictingRunId?: string,
  ) {
    super(
      "HOOK_CONFLICT",
      `The hook token ${JSON.stringify(token)} is already held by a live hook${conflictingRunId ? ` of run ${conflictingRunId}` : ""}. ` +
        `Make custom tokens unique per run (include an order or document ID), dispose the other hook, or let its run end first.`,
    );
  }
}

/** One problem a Standard Schema validator found: where (`path`) and what (`message`). */
export interface HookPayloadIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}

/** `defineHook(schema).resume()` got a payload its schema rejects; nothing was written. */
export class HookPayloadInvalidError extends WorkflowError {
  static override is = is("HOOK_PAYLOAD_INVALID") as (v: unknown) => v is HookPayloadInvalidError;
  constructor(
    readonly token: string,
    readonly issues: readonly HookPayloadIssue[],
  ) {
    super(
      "HOOK_PAYLOAD_INVALID",
      `Invalid payload for hook ${JSON.stringify(token)}: ${issues.map(formatIssue).join("; ")}. The run was not resumed.`,
    );
  }
}

function formatIssue(issue: HookPayloadIssue): string {
  const path = (issue.path ?? [])
    .map((part) => String(typeof part === "object" && part !== null ? part.key : part))
    .join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * `request.respondWith()` in a step, for a request of a webhook not created with
 * `respondWith: "manual"`: its caller was already answered when the request arrived. Fails the
 * step at once (it carries FatalError's marker): no retry can make the webhook manual.
 */
export class WebhookNotManualError extends WorkflowError {
  static override is = is("WEBHOOK_NOT_MANUAL") as (v: unknown) => v is WebhookNotManualError;
  constructor() {
    super(
      "WEBHOOK_NOT_MANUAL",
      `request.respondWith() was called, but this request's webhook was not created with respondWith: "manual", so its caller already got its response (202, or the webhook's static respondWith Response) when the request arrived. ` +
        `To answer from a step, create the webhook with createWebhook({ respondWith: "manual" }); otherwise remove the respondWith() call.`,
    );
    Object.defineProperty(this, Symbol.for("workflow.FatalError"), { value: true });
  }
}

/** The fewest characters a custom webhook token may have: a shorter one is easy to guess. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 24;

/**
 * `createWebhook({ token })` with a token shorter than {@link MIN_WEBHOOK_TOKEN_LENGTH}: anyone
 * who guesses a webhook's token can post to its run, so a custom one must be long enough not to
 * be guessed. Thrown in the workflow at the call; the message does not repeat the token.
 */
export class WebhookTokenTooShortError extends WorkflowError {
  static override is = is("WEBHOOK_TOKEN_TOO_SHORT") as (
    v: unknown,
  ) => v is WebhookTokenTooShortError;
  constructor(readonly length: number) {
    super(
      "WEBHOOK_TOKEN_TOO_SHORT",
      `createWebhook(): a custom token must have at least ${MIN_WEBHOOK_TOKEN_LENGTH} characters, this one has ${length}. ` +
        `Omit the token to get a random one, or make it long and hard to guess (add a random part to an order or document ID).`,
    );
  }
}

/**
 * Any error with this `code`: a timeout's error is rebuilt from its stored form on the other
 * side (in the workflow sandbox, as a run's failure), where it is not an instance of its class.
 */
const hasCode = (code: WorkflowErrorCode) => (value: unknown) =>
  typeof value === "object" &&
  value !== null &&
  (value as { code?: unknown }).code === code &&
  "message" in value;

/**
 * A step attempt ran longer than the step's `fn.timeout`. The attempt fails with it (and its
 * `getStepMetadata().signal` is aborted with it as the reason); the retry policy then applies
 * as for any other failure. Not a FatalError: a later attempt may be faster.
 */
export class StepTimeoutError extends WorkflowError {
  /** Also true for what a workflow catches from a step that timed out (it keeps the code). */
  static override is = hasCode("STEP_TIMEOUT") as (v: unknown) => v is StepTimeoutError;
  constructor(
    readonly stepName: string,
    readonly attempt: number,
    readonly timeoutMs: number,
  ) {
    super(
      "STEP_TIMEOUT",
      `Step "${stepName}" attempt ${attempt} timed out after ${timeoutMs} ms (its fn.timeout). ` +
        `Raise the step's timeout, or make the step stop its I/O when getStepMetadata().signal aborts.`,
    );
  }
}

/**
 * The run was still going at the deadline set by `start(workflow, args, { timeout })`: it is
 * failed with this error (code RUN_TIMEOUT); its pending steps, sleeps and hooks end as for a
 * cancelled run.
 */
export class RunTimeoutError extends WorkflowError {
  /** Also true for the `cause` of the WorkflowRunFailedError of a run that timed out. */
  static override is = hasCode("RUN_TIMEOUT") as (v: unknown) => v is RunTimeoutError;
  constructor(
    readonly runId: string,
    readonly timeoutMs: number,
  ) {
    super(
      "RUN_TIMEOUT",
      `Workflow run ${runId} timed out: it was still going ${timeoutMs} ms after it was created (start() option timeout). ` +
        `Raise the timeout, or make the workflow finish sooner (e.g. race its hooks against sleep()).`,
    );
  }
}

/** An Error rebuilt from its stored form, keeping name, message, stack and code. */
export function toError(stored: StoredError): Error {
  const error = new Error(stored.message);
  error.name = stored.name ?? "Error";
  if (stored.stack) error.stack = stored.stack;
  if (stored.code) Object.assign(error, { code: stored.code });
  return error;
}

/** The stored form of anything thrown. */
/**
 * What user code threw (a step, workflow code), as stored: its own string `code` when it has one
 * (`ECONNRESET`, say), else `USER_ERROR`.
 */
export function toUserError(thrown: unknown): StoredError {
  const own = (thrown as { code?: unknown } | null)?.code;
  return toStoredError(thrown, typeof own === "string" && own !== "" ? undefined : "USER_ERROR");
}

export function toStoredError(thrown: unknown, code?: FailureCode): StoredError {
  if (
    thrown instanceof Error ||
    (typeof thrown === "object" && thrown !== null && "message" in thrown)
  ) {
    const e = thrown as Error & { code?: unknown };
    return {
      message: String(e.message),
      name: String(e.name ?? "Error"),
      ...(typeof e.stack === "string" ? { stack: e.stack } : {}),
      ...(code ? { code } : typeof e.code === "string" ? { code: e.code } : {}),
    };
  }
  return { message: String(thrown), name: "Error", ...(code ? { code } : {}) };
}
