import { LocalWorld, type LocalWorldOptions } from "../local/local-world.js";
import type { FinishedQuery, LogStorage, RunChange } from "../local/log-storage.js";
import { stringifyEvent } from "../shared/check-event.js";
import type { StoredEvent } from "../shared/events.js";
import { compareNewestFirst, isAfterCursor } from "../shared/run-cursor.js";
import type { RunSummary } from "../shared/state/types.js";
import { createMemoryStreams } from "./memory-chunks.js";
import { MemoryScheduleStore } from "../shared/schedules.js";

/** Options of {@link createMemoryWorld}. */
export type MemoryWorldOptions = Omit<LocalWorldOptions, "readOnly">;

/**
 * A world that keeps everything in this process (for tests). Events are stored as JSON text,
 * like the file world's, so `readEvents` returns fresh copies and a value that would not
 * survive the file world does not survive here either.
 */
export function createMemoryWorld(options: MemoryWorldOptions = {}): LocalWorld {
  const world = new LocalWorld(new MemoryStorage(), createMemoryStreams(), options);
  Object.defineProperty(world, "schedules", {
    value: new MemoryScheduleStore(),
    enumerable: true,
  });
  return world;
}

/** The memory world's log storage (exported for tests that open two worlds over one storage). */
export class MemoryStorage implements LogStorage {
  readonly name = "memory";
  readonly #logs = new Map<string, string[]>();
  readonly #active = new Set<string>();
  /** Finished runs' summaries, in the order they finished. */
  readonly #finished = new Map<string, RunSummary>();
  /** Idempotency key -> the run created with it. */
  readonly #keys = new Map<string, string>();

  describe(runId: string): string {
    return `the log of run ${runId} in memory`;
  }

  async open(): Promise<void> {}

  async listActiveRunIds(): Promise<string[]> {
    return [...this.#active];
  }

  async load(runId: string): Promise<StoredEvent[] | null> {
    return this.#logs.has(runId) ? this.read(runId, 0) : null;
  }

  async read(runId: string, fromIndex: number): Promise<StoredEvent[]> {
    const lines = this.#logs.get(runId) ?? [];
    const events: StoredEvent[] = [];
    for (let i = fromIndex; i < lines.length; i++)
      events.push(JSON.parse(lines[i] as string) as StoredEvent);
    return events;
  }

  append(runId: string, events: readonly StoredEvent[], change: RunChange): Promise<void> {
    let lines = this.#logs.get(runId);
    const first = events[0]?.index;
    if (first !== (lines?.length ?? 0)) {
      return Promise.reject(
        new Error(
          `Run ${runId} has ${lines?.length ?? 0} events; a batch starting at index ${first} would leave a gap`,
        ),
      );
    }
    let encoded: string[];
    try {
      encoded = events.map(stringifyEvent);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!lines) this.#logs.set(runId, (lines = []));
    lines.push(...encoded);
    if (change.created) this.#active.add(runId);
    if (change.idempotencyKey !== undefined) this.#keys.set(change.idempotencyKey, runId);
    if (change.finished) void this.settle(runId, change.finished);
    return Promise.resolve();
  }

  async settle(runId: string, finished: RunSummary | null): Promise<void> {
    this.#active.delete(runId);
    if (finished) {
      this.#finished.delete(runId);
      this.#finished.set(runId, finished);
    }
  }

  async findRunByKey(key: string): Promise<string | undefined> {
    return this.#keys.get(key);
  }

  async listFinished(query: FinishedQuery): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    for (const run of this.#finished.values()) {
      if (
        (query.status === undefined || run.status === query.status) &&
        (query.workflowName === undefined || run.workflowName === query.workflowName) &&
        (query.cursor === undefined || isAfterCursor(run, query.cursor))
      )
        runs.push(run);
    }
    return runs.sort(compareNewestFirst).slice(0, query.want);
  }

  async pruneFinished(
    finishedBefore: number,
    limit: number,
    isActive: (runId: string) => boolean,
  ): Promise<string[]> {
    const deleted: string[] = [];
    for (const run of this.#finished.values()) {
      if (deleted.length >= limit) break;
      if ((run.completedAt ?? run.updatedAt) >= finishedBefore || isActive(run.runId)) continue;
      deleted.push(run.runId);
    }
    for (const runId of deleted) {
      const key = this.#finished.get(runId)?.idempotencyKey;
      if (key !== undefined && this.#keys.get(key) === runId) this.#keys.delete(key);
      this.#finished.delete(runId);
      this.#logs.delete(runId);
    }
    return deleted;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
