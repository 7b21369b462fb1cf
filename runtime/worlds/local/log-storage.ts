import type { StoredEvent } from "../shared/events.js";

/**
 * Where an in-process world keeps its run logs. The world core validates and stamps events;
 * a storage only stores and returns them, so backends differ in nothing else.
 */
export interface LogStorage {
  /** For `World.name`: `memory`, `file:<dir>`. */
  readonly name: string;
  /** Where a run's log is, for messages: `run log <dir>/runs/<runId>.jsonl`. */
  describe(runId: string): string;
  /** Prepares the backend (creates the data directory, checks its format version). */
  open(): Promise<void>;
  /** IDs of every run with a log (possibly empty). */
  listRunIds(): Promise<string[]>;
  /**
   * A run's whole log, when the world starts. The storage drops (and may repair) a batch that a
   * crash left incomplete, and throws when the log is corrupt in any other way.
   */
  load(runId: string): Promise<StoredEvent[]>;
  /** Stored events of a run from `fromIndex`; `[]` for an unknown run. */
  read(runId: string, fromIndex: number): Promise<StoredEvent[]>;
  /**
   * Stores a batch of one run durably, all or nothing. Batches of a run are written in call
   * order; a batch whose first `index` is not the run's stored event count is refused, so a
   * batch validated against a state that a failed write invalidated never lands after a gap.
   * Events are serialized before this returns: callers may reuse the objects.
   */
  append(runId: string, events: readonly StoredEvent[]): Promise<void>;
  /** Resolves when every append issued so far (to `runId`, or to any run) has settled. */
  flush(runId?: string): Promise<void>;
  /** Releases resources; called after `flush()`. */
  close(): Promise<void>;
}
