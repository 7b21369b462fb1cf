import type { NewEvent, StoredEvent } from "./events.js";
import type { HookState, RunState, RunSummary } from "./state/types.js";
import type { StreamStore } from "./stream-store.js";
import type { ScheduleStore } from "./schedules.js";

/**
 * A world is where runs live: the event logs, the queue that drives execution, and the runs'
 * output streams. Backends, one folder each: memory/ (tests), file/ (the default), postgres/ (many
 * worker processes on one database); local/ is the core the memory and file worlds share, and
 * shared/ (this folder) what every backend uses. A backend imports shared/ and, for memory and
 * file, local/; never another backend, and shared/ imports no backend.
 *
 * Guarantees every backend gives:
 * - **Atomic appends.** `append` stores all of its events or none, and the run's entities are
 *   updated in the same step: `getRun` never shows a state that the log does not explain.
 * - **Validated transitions** (`state/apply.ts`): a step is created once, has at most one
 *   terminal event, starts attempt n+1 only after attempt n, never before `retryAfter`, and
 *   never while attempt n holds a live lease (`step_started.leaseUntil`, renewed by
 *   `step_lease_renewed`) unless the start says `takeover`; a
 *   wait completes exactly once and not before `resumeAt`; nothing is created on a terminal
 *   run. A refused append throws a `WorldError` with a code and stores nothing.
 * - **Ordering.** Events of a run have consecutive `index`es and non-decreasing `createdAt`;
 *   appends to one run are serialized.
 * - **Hook tokens** are unique among live hooks of all runs: a `hook_created` whose token is
 *   held is stored as `hook_conflict` (with the holder's run ID) instead. A run's hooks are
 *   released when it ends.
 * - **Concurrency slots** (`concurrency.ts`): a run created with `concurrency: { key, limit }` is
 *   admitted (`run_admitted`, which only the world writes) in the append that creates it when
 *   fewer than `limit` unfinished admitted runs hold the key and none waits; else it waits in
 *   line, `pending`, and may not start. The append that ends a run holding a slot (completed,
 *   failed, cancelled) admits the head of the line in the same atomic step, in creation order,
 *   and enqueues a workflow message for each run it admits. A slot belongs to a run, not to a
 *   process, so a dead worker's slot is freed when its run is recovered and ends; the lines are
 *   derived from the logs and survive restarts.
 * - **Idempotency keys** (`run_created.data.idempotencyKey`, shared/idempotency.ts) are unique
 *   among retained runs, whatever their state: a `run_created` whose key a run holds is refused
 *   with IDEMPOTENCY_KEY_IN_USE naming that run (`IdempotencyKeyInUseError.runId`), checked in
 *   the same atomic step as the append, across every process of the world. `prune` frees the
 *   keys of the runs it deletes; a refused or failed append holds no key.
 * - **Durability.** An append resolves once its batch is durable (with the backend's flushing
 *   on), unless it asks for `durability: "later"`: then it resolves once the batch is stored in
 *   order and readable, and the batch becomes durable with the next append of the default kind
 *   (of any run) or within `LATER_DURABILITY_MS`, whichever comes first. Durability follows the
 *   order of appends, so a durable batch makes every batch before it durable. What a process
 *   kill can lose is the same either way; a power loss can lose the latest "later" batches.
 * - **At-least-once queue**: an enqueued message is delivered until a handler returns
 *   without throwing; `key` dedupes a message against one with the same key not yet delivered.
 * - **Recovery**: `start()` enqueues a workflow message for every run that is not terminal, so
 *   a new process picks up sleeps and steps that a dead one left behind.
 */
/** How soon an append must be durable (see "Durability" above). */
export type Durability = "now" | "later";

export interface AppendOptions {
  /**
   * `"later"` is for batches whose loss in a crash only makes the run redo work that nothing
   * outside the run has acted on yet: the engine's next durable append (a step's start, before
   * its body runs; the run's end) covers them. @default "now"
   */
  durability?: Durability;
}

/** The longest a `durability: "later"` batch waits for a flush when no other append brings one. */
export const LATER_DURABILITY_MS = 5;

export interface World {
  /** For messages and logs: `memory`, `file:<dir>`, ... */
  readonly name: string;
  /**
   * One process at a time uses this world (memory, file): a step lease held by another owner
   * was left by a process that has died, so a new attempt may take it over at once instead of
   * waiting for it to run out. Worlds shared by many workers (Postgres) leave it unset.
   * @default false
   */
  readonly exclusive?: boolean;
  /**
   * Moves on when the world may have lost "later" appends this process already read or wrote
   * (a Postgres server that crashed and restarted under a live worker): what a runtime keeps of
   * runs from before (replayed sessions, which runs it scheduled) is dropped, as if it had just
   * started. Worlds that cannot lose them while the process lives leave it unset.
   */
  readonly lossEpoch?: number;
  /**
   * Where the process that runs this world's runs listens for `wf start`, `wf cancel` and
   * `wf resume` (a Unix socket path; see runtime/control/). Worlds with one writing process
   * (file) set it, so that those commands reach it; worlds any process may write to leave it
   * unset, and the commands write themselves.
   */
  readonly controlSocket?: string;
  /** Appends events to a run's log (all or nothing) and returns them as stored. */
  append(runId: string, events: NewEvent[], options?: AppendOptions): Promise<StoredEvent[]>;
  /** A run's events from `fromIndex` (default 0) to the end, in order. */
  readEvents(runId: string, fromIndex?: number, options?: ReadOptions): Promise<StoredEvent[]>;
  /** The run and its entities, or null when there is no such run. Callers must not mutate it. */
  getRun(runId: string, options?: ReadOptions): Promise<RunState | null>;
  /**
   * One page of runs, newest first (by `createdAt`, then run ID), read from storage: the cost
   * grows with the page, not with the runs ever made. Pass a page's `next` back as `cursor`
   * for the page after it.
   */
  listRuns(filter?: RunFilter): Promise<RunPage>;
  /**
   * Deletes finished runs (completed, failed, cancelled) that finished before `finishedBefore`
   * (epoch ms), with their events, streams and hook tokens; never touches a run that has not
   * finished. At most `limit` runs per call (default 1,000); returns how many went. The
   * `retention` option of each world calls this in the background.
   */
  prune(options: { finishedBefore: number; limit?: number }): Promise<{ deleted: number }>;
  /**
   * Runs whose stored log could not be read and was set aside (file world: moved to
   * `quarantine/` with a reason file); the other runs go on. Worlds that cannot have such runs
   * leave it unset.
   */
  listQuarantined?(): Promise<QuarantinedRun[]>;
  /** The live hook holding `token`, or null. */
  getHookByToken(token: string): Promise<(HookState & { runId: string }) | null>;
  readonly queue: Queue;
  /**
   * The schedules of `schedule()` (shared/schedules.ts): durable, and shared by every process of
   * the world. A world without it cannot run schedules (`schedule()` says so).
   */
  readonly schedules?: ScheduleStore;
  /** The runs' output streams (`getWritable()`, `run.getReadable()`); see `StreamStore`. */
  readonly streams: StreamStore;
  /**
   * The key that signs deliveries to the flow and step routes (`signDelivery`), chosen by
   * `shared/secret.ts`; undefined when the world has none, and then those routes refuse every
   * delivery (503). A world without this method is treated as having none.
   */
  getSecret?(): Promise<string | undefined>;
  /**
   * Records that the delivery with message ID `id` was taken, until `expiresAt` (epoch ms,
   * when its signature could no longer be valid); true when this is the first claim of `id`
   * not yet expired, false when it was claimed already (by any process using this world).
   * Worlds shared by many processes (Postgres) implement it so that a signed delivery is acted
   * on once across all of them; without it, the routes keep a record per process.
   */
  claimDelivery?(id: string, expiresAt: number): Promise<boolean>;
  /** Forgets a claim of `claimDelivery` (the delivery was not acted on: it may come again). */
  releaseDelivery?(id: string): Promise<void>;
  /**
   * Takes one request from the rate bucket `key` (a webhook token), counted across every process
   * using this world: `limit` requests at once, then one more each `windowMs / limit`. Resolves
   * to 0 when the request may go on, else the seconds to wait (at least 1). Worlds shared by
   * many processes (Postgres) implement it; without it, each process counts its own.
   */
  takeRequest?(key: string, rate: { limit: number; windowMs: number }): Promise<number>;
  /** Loads what the backend needs and enqueues every unfinished run (see Recovery). */
  start(): Promise<void>;
  /** Stops intake, waits for in-flight handlers, flushes writes, then reports the first error. */
  close(): Promise<void>;
}

/** What `listRuns` filters on, and where a page starts. */
export interface RunFilter {
  status?: RunState["status"];
  workflowName?: string;
  /** Runs per page. @default 50 (at most 1,000) */
  limit?: number;
  /** A previous page's `next`; an unknown or malformed cursor is a TypeError. */
  cursor?: string;
}

/** A page of `listRuns`. */
export interface RunPage {
  runs: RunSummary[];
  /** The cursor of the page after this one; null on the last page. */
  next: string | null;
}

/** A run set aside because its stored log could not be read. */
export interface QuarantinedRun {
  runId: string;
  /** What was wrong, as reported when it was set aside. */
  reason: string;
  /** Epoch ms. */
  quarantinedAt: number;
}

/** What the queue carries: "replay this run" or "execute this step". */
export type QueueMessage =
  { kind: "workflow"; runId: string } | { kind: "step"; runId: string; stepId: string };

/** Throws a TypeError naming what was passed when `message` is not a QueueMessage. */
export function assertQueueMessage(message: QueueMessage): void {
  const m = message as Partial<Record<string, unknown>> | null;
  const ok =
    typeof m === "object" &&
    m !== null &&
    typeof m.runId === "string" &&
    (m.kind === "workflow" || (m.kind === "step" && typeof m.stepId === "string"));
  if (!ok) {
    throw new TypeError(
      `Not a queue message: ${JSON.stringify(message)}; expected { kind: "workflow", runId } or { kind: "step", runId, stepId }`,
    );
  }
}

/**
 * The queue keys the runtime and the worlds enqueue with, made here only: a key dedupes a message
 * against a waiting one with the same key, and `Queue.cancel(key)` drops it.
 */
export const queueKeys = {
  /** "Replay this run": one waiting is enough. */
  workflow: (runId: string) => `wf:${runId}`,
  /** Run (or retry) this step. */
  step: (runId: string, stepId: string) => `step:${runId}:${stepId}`,
  /** Wake the run when this sleep ends. */
  wake: (runId: string, waitId: string) => `wake:${runId}:${waitId}`,
  /** Fail the run at its run timeout. */
  deadline: (runId: string) => `deadline:${runId}`,
};

export interface EnqueueOptions {
  /** Deliver no earlier than this many milliseconds from now. @default 0 */
  delayMs?: number;
  /** Drop this message if one with the same key is waiting and not yet delivered. */
  key?: string;
  /**
   * The delivery whose handler enqueues this, for a message of the handler's own run: lost, it
   * is redone (the handler's own message is delivered again), so a world may store it with its
   * next write instead of at once (the Postgres world's carried writes).
   */
  delivery?: Delivery;
}

/** Options of a read of a run (`getRun`, `readEvents`). */
export interface ReadOptions {
  /**
   * The delivery whose handler reads its own run: a world may answer from what it holds when
   * it made, in this process, the appends the delivered message acts on (the Postgres world's
   * held reads). Pass it only for the handler's own reads, never for a user's.
   */
  delivery?: Delivery;
}

/** About one delivery of a message. */
export interface Delivery {
  /**
   * Which delivery of the message this is, from 1. A later one means that an earlier handler
   * threw, or that its process died while it ran (its lease ran out).
   */
  attempt: number;
}

export type QueueHandler = (message: QueueMessage, delivery: Delivery) => Promise<void>;

/** What a consumer hears about deliveries whose handler threw. */
export interface ConsumeOptions {
  /**
   * A handler threw on delivery `attempts` of `message`, which will be delivered again after a
   * backoff. For logs: the queue itself logs nothing.
   */
  onRetry?(message: QueueMessage, error: unknown, attempts: number): void;
  /**
   * A handler threw on each of the queue's `maxDeliveries` deliveries of `message` (a poison
   * message): the queue drops it after this returns. The consumer records the failure (the
   * runtime fails the run with DELIVERY_FAILED); a throw here is ignored, the message dropped.
   */
  onGiveUp?(message: QueueMessage, error: unknown, attempts: number): Promise<void> | void;
}

export interface Queue {
  enqueue(message: QueueMessage, options?: EnqueueOptions): Promise<void>;
  /**
   * Drops the waiting message enqueued with `key`, if there is one not yet delivered (a
   * delivery under way is not stopped). For messages that have become pointless, so that they
   * are not held until due: a finished run's deadline, wake-ups and step retries.
   */
  cancel(key: string): Promise<void>;
  /**
   * Sets the consumer. Messages enqueued before a consumer exists wait for it. A handler that
   * throws gets the message again after a backoff, up to the queue's `maxDeliveries`
   * deliveries in a row; then `options.onGiveUp` is told and the message is dropped.
   */
  consume(handler: QueueHandler, options?: ConsumeOptions): void;
}
