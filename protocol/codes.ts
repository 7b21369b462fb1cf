/**
 * The stable codes of this package's errors, as typed unions. Code is what programs match on
 * (the HTTP table maps codes to statuses; tests and users branch on them); messages are for
 * people and may change.
 */

/** Why a run or a step failed, as stored in the event log by the runtime itself. */
export type FailureCode =
  /** User code threw (a step, or workflow code). The error's own `code`, if any, is kept instead. */
  | "USER_ERROR"
  /** The workflow code no longer makes the calls its event log recorded. */
  | "REPLAY_DIVERGENCE"
  /** An argument, a result or an error could not be serialized or read back. */
  | "SERIALIZATION_FAILED"
  /** The workflow awaits something that is not a step, a sleep or a hook: nothing can resume it. */
  | "WORKFLOW_STALLED"
  /**
   * Workflow code ran past the time limit of one activation (an endless loop, or heavy work
   * that belongs in a step). See createRuntime's `workflowTimeoutMs`.
   */
  | "WORKFLOW_TIMEOUT"
  /** The run's workflow is not in the workflow bundle (renamed or removed since the run started). */
  | "WORKFLOW_NOT_REGISTERED"
  /** The step is not in the step bundle. */
  | "STEP_NOT_FOUND"
  /** Every attempt of a step was started and none recorded an outcome (crashes mid-attempt). */
  | "MAX_RETRIES"
  /** The runtime itself failed while running the workflow. */
  | "RUNTIME_ERROR"
  /**
   * A message of the run failed for a reason outside user code (storage, the queue, a corrupt
   * event) more times in a row than the queue's `maxDeliveries`: a poison message. The run is
   * failed instead of being redelivered forever.
   */
  | "DELIVERY_FAILED"
  /** A step's option (`fn.retry`, `fn.timeout`, `fn.maxRetries`) is invalid: the step did not run. */
  | "INVALID_STEP_OPTIONS"
  /** A step attempt ran past its `fn.timeout` (retried by its policy like any failure). */
  | "STEP_TIMEOUT"
  /** The run was still going at the deadline set by `start(..., { timeout })`. */
  | "RUN_TIMEOUT";

/** Why a world refused a write. HTTP handlers map them to statuses in one table. */
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
  | "STREAM_CLOSED"
  /** The run's stored log could not be read and was set aside (see World.listQuarantined). */
  | "RUN_QUARANTINED"
  /**
   * The storage did not answer in time (a Postgres connection or statement timeout): nothing
   * was stored, and the operation may be tried again (the queue redelivers).
   */
  | "STORAGE_TIMEOUT"
  /**
   * A `run_created` names an idempotency key that a retained run holds already: nothing was
   * stored; the error's `runId` is that run (`start()` returns a handle on it).
   */
  | "IDEMPOTENCY_KEY_IN_USE";
