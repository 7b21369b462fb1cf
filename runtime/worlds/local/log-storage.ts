import type { StoredEvent } from "../shared/events.js";
import type { RunCursor } from "../shared/run-cursor.js";
import type { RunSummary } from "../shared/state/types.js";
import type { Durability, QuarantinedRun } from "../shared/world.js";

/** What a batch changes in the run's standing, for the storage's indexes. */
export interface RunChange {
  /** The batch creates the run (`run_created`): it becomes active. */
  created?: boolean;
  /** The batch finishes the run: its summary after the batch. It stops being active. */
  finished?: RunSummary;
  /** The batch creates the run with this idempotency key: `findRunByKey` names it from now on. */
  idempotencyKey?: string;
}

/** What `listFinished` selects: finished runs, newest first, after `cursor`, at most `want`. */
export interface FinishedQuery {
  status?: RunSummary["status"] | undefined;
  workflowName?: string | undefined;
  cursor?: RunCursor | undefined;
  want: number;
}

/**
 * Where an in-process world keeps its run logs. The world core validates and stamps events;
 * a storage only stores and returns them, so backends differ in nothing else. A storage keeps
 * track of which runs are active (not finished) and lists finished runs from its own index, so
 * the world holds only active runs in memory.
 */
export interface LogStorage {
  /** For `World.name`: `memory`, `file:<dir>`. */
  readonly name: string;
  /** Where a run's log is, for messages: `run log <dir>/runs/<runId>.jsonl`. */
  describe(runId: string): string;
  /** Prepares the backend (creates the data directory, checks its format version). */
  open(): Promise<void>;
  /** IDs of the runs not finished (a crash may leave a finished one here: the world checks). */
  listActiveRunIds(): Promise<string[]>;
  /**
   * A run's whole log, or null when there is none. The storage drops (and may repair) a batch
   * that a crash left incomplete, and throws when the log is corrupt in any other way.
   */
  load(runId: string): Promise<StoredEvent[] | null>;
  /** Stored events of a run from `fromIndex`; `[]` for an unknown run. */
  read(runId: string, fromIndex: number): Promise<StoredEvent[]>;
  /**
   * Stores a batch of one run durably, all or nothing. Batches of a run are written in call
   * order; a batch whose first `index` is not the run's stored event count is refused, so a
   * batch validated against a state that a failed write invalidated never lands after a gap.
   * Events are serialized before this returns: callers may reuse the objects. With
   * `durability: "later"` it may resolve before the batch is durable (World's "Durability").
   */
  append(
    runId: string,
    events: readonly StoredEvent[],
    change: RunChange,
    durability?: Durability,
  ): Promise<void>;
  /** Records that an active run had finished (found so at start: a crash came in between). */
  settle(runId: string, finished: RunSummary | null): Promise<void>;
  /**
   * The run recorded with idempotency key `key` (by a created batch's `RunChange`), or undefined.
   * It may name a run deleted since (the caller checks that it exists); `pruneFinished` forgets
   * the keys of the runs it deletes.
   */
  findRunByKey(key: string): Promise<string | undefined>;
  /** Finished runs (see `FinishedQuery`). */
  listFinished(query: FinishedQuery): Promise<RunSummary[]>;
  /**
   * Deletes the logs of finished runs that finished before `finishedBefore`, oldest first, at
   * most `limit`, skipping runs `isActive` names; returns the IDs deleted.
   */
  pruneFinished(
    finishedBefore: number,
    limit: number,
    isActive: (runId: string) => boolean,
  ): Promise<string[]>;
  /** Sets aside a run whose log failed to load (file world: moves it to `quarantine/`). */
  quarantine?(runId: string, reason: string): Promise<void>;
  /** The runs set aside, or the one named. */
  listQuarantined?(): Promise<QuarantinedRun[]>;
  quarantined?(runId: string): QuarantinedRun | undefined | Promise<QuarantinedRun | undefined>;
  /** Resolves when every append issued so far (to `runId`, or to any run) has settled. */
  flush(runId?: string): Promise<void>;
  /** Releases resources; called after `flush()`. */
  close(): Promise<void>;
}
