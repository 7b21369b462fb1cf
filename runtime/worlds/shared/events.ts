/**
 * The event log: every change to a run is one of these events, appended to that run's log.
 * Entities (run, steps, waits, hooks) are a pure function of the log (see `state/`).
 *
 * Serialized values (`input`, `output`, `result`, `payload`, `metadata`) are strings produced
 * by runtime/serialization; worlds store them as they are and never look inside.
 */
import type { FailureCode } from "../../../protocol/codes.js";

/** The fields of event data that hold serialized values (see above): what readers decode. */
export const SERIALIZED_FIELDS = ["input", "output", "result", "payload", "metadata"] as const;

/** An error as stored: enough to rebuild it with its stack on the other side. */
export interface StoredError {
  message: string;
  name?: string;
  stack?: string;
  /**
   * A stable code: one of the runtime's {@link FailureCode}s, or the `code` of the error user
   * code threw (`ECONNRESET`, say), which is kept as it was.
   */
  code?: FailureCode | (string & {});
  /** Serialized original error (with cause, custom fields), when it could be serialized. */
  value?: string;
}

/**
 * Who runs a step's attempt, and until when that is certain. While the lease is live no other
 * attempt may start, whichever way a delivery of the step arrives (route, redelivery, another
 * worker); the holder renews it while the step runs, and a holder that dies stops renewing.
 */
export interface StepLease {
  /** Epoch ms; renewed by `step_lease_renewed`. */
  leaseUntil: number;
  /** The runtime instance holding the lease. */
  owner: string;
  /**
   * Start even though a lease of another owner looks live: only in a world used by one process
   * at a time (`World.exclusive`), where that owner is a process that has died.
   */
  takeover?: boolean;
}

/** How many runs of a key may run at once (`start(..., { concurrency })`, see concurrency.ts). */
export interface ConcurrencyLimit {
  /** Runs sharing a key share its slots (`"user:42"`, a workflow's name). */
  key: string;
  /** Slots of the key: runs of it that may run at once. A positive integer. */
  limit: number;
}

/** Payloads by event type. `correlationId` is required for step, wait and hook events. */
export interface EventPayloads {
  /** The run exists. `seed` feeds the run's deterministic randomness; `input` is the serialized args array. */
  run_created: {
    workflowName: string;
    input: string;
    seed: string;
    deploymentId?: string;
    /** `start(..., { timeout })`: the run fails with RUN_TIMEOUT once this long past its creation. */
    timeoutMs?: number;
    /** The run needs a slot of this key to start (see `shared/concurrency.ts`). */
    concurrency?: ConcurrencyLimit;
    /** `start(..., { idempotencyKey })`: unique among retained runs (see World, shared/idempotency.ts). */
    idempotencyKey?: string;
  };
  /**
   * The run took a slot of its `concurrency` key and may start. Written by the world itself, in
   * the append that creates the run (a slot was free) or that ends a run holding one.
   */
  run_admitted: Record<string, never>;
  /** A worker began executing the run (first time only; later replays write nothing). */
  run_started: Record<string, never>;
  run_completed: { output: string };
  run_failed: { error: StoredError };
  run_cancelled: Record<string, never>;

  /** The workflow called a step; `input` is the serialized `{ args, closure?, thisVal? }`. */
  step_created: { stepName: string; input: string };
  /**
   * An attempt began (1-based). Allowed again on a running step only once the earlier
   * attempt's lease has run out (it died), or with `takeover` (see {@link StepLease}).
   */
  step_started: {
    attempt: number;
    /** Epoch ms (engine clock) past which this attempt counts as timed out (`fn.timeout`). */
    deadline?: number;
  } & Partial<StepLease>;
  /** The running attempt is alive: its lease now lasts until `leaseUntil`. */
  step_lease_renewed: { attempt: number; leaseUntil: number };
  /**
   * An attempt failed and the step will run again, not before `retryAfter` (epoch ms).
   * `attempt` is the attempt that failed; `delayMs` the delay chosen (the retry policy's, or the
   * RetryableError's `retryAfter`, which wins: then `delayFrom` is "retryAfter").
   */
  step_retrying: {
    error: StoredError;
    retryAfter: number;
    attempt?: number;
    delayMs?: number;
    delayFrom?: "policy" | "retryAfter";
  };
  step_completed: { result: string };
  /** Terminal failure (FatalError, retries used up, step not found, bad arguments). */
  step_failed: { error: StoredError };

  /** The workflow slept until `resumeAt` (epoch ms). */
  wait_created: { resumeAt: number };
  wait_completed: Record<string, never>;

  /** The workflow created a hook; a world writes `hook_conflict` instead when the token is taken. */
  hook_created: { token: string; metadata?: string; isWebhook?: boolean };
  hook_conflict: { token: string; conflictingRunId?: string };
  /** A payload arrived for a live hook. */
  hook_received: { payload: string };
  hook_disposed: Record<string, never>;
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  "run_created",
  "run_admitted",
  "run_started",
  "run_completed",
  "run_failed",
  "run_cancelled",
  "step_created",
  "step_started",
  "step_lease_renewed",
  "step_retrying",
  "step_completed",
  "step_failed",
  "wait_created",
  "wait_completed",
  "hook_created",
  "hook_conflict",
  "hook_received",
  "hook_disposed",
] as const satisfies readonly EventType[];

export const TERMINAL_RUN_EVENTS = new Set<EventType>([
  "run_completed",
  "run_failed",
  "run_cancelled",
]);

/** An event to append. */
export type NewEvent = {
  [K in EventType]: { type: K; correlationId?: string; data: EventPayloads[K] };
}[EventType];

/** An event as stored in a run's log. */
export type StoredEvent = NewEvent & {
  runId: string;
  /** Position in the run's log, from 0, without gaps. */
  index: number;
  /** When the world stored it (epoch ms). Replays advance the workflow's clock to it. */
  createdAt: number;
};

/** Narrows a stored event to one type. */
export type EventOf<K extends EventType> = StoredEvent & { type: K; data: EventPayloads[K] };
