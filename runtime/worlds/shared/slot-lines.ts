/**
 * The concurrency lines of a world that keeps every unfinished run in memory (memory, file, the
 * test world): per key, the runs holding a slot and the runs waiting, in creation order. It is
 * rebuilt from the runs' states at start-up (which holds only unfinished runs), so it needs no
 * storage of its own; the world calls it while it validates a batch, with nothing awaited in
 * between, which makes admission atomic with the append that creates or ends a run.
 */
import { holdsSlot, waitsForSlot } from "./concurrency.js";
import type { RunState } from "./state/types.js";

interface Line {
  holders: Set<string>;
  /** By `createdAt`, then run ID. */
  waiting: Array<{ runId: string; createdAt: number; limit: number }>;
}

export class SlotLines {
  readonly #lines = new Map<string, Line>();
  /** The key of every run in a line. */
  readonly #keyOf = new Map<string, string>();

  /** Puts an unfinished run in its key's line (holding or waiting); a run without a key is ignored. */
  add(run: RunState): void {
    if (!run.concurrency) return;
    this.remove(run.runId);
    const { key, limit } = run.concurrency;
    let line = this.#lines.get(key);
    if (!line) this.#lines.set(key, (line = { holders: new Set(), waiting: [] }));
    this.#keyOf.set(run.runId, key);
    if (holdsSlot(run)) line.holders.add(run.runId);
    else if (waitsForSlot(run)) {
      const entry = { runId: run.runId, createdAt: run.createdAt, limit };
      const at = line.waiting.findIndex(
        (w) =>
          w.createdAt > entry.createdAt ||
          (w.createdAt === entry.createdAt && w.runId > entry.runId),
      );
      if (at === -1) line.waiting.push(entry);
      else line.waiting.splice(at, 0, entry);
    } else this.#keyOf.delete(run.runId);
  }

  /** Takes a run out of its line (it ended, or is being re-read); returns its key, if it had one. */
  remove(runId: string): string | undefined {
    const key = this.#keyOf.get(runId);
    if (key === undefined) return undefined;
    this.#keyOf.delete(runId);
    const line = this.#lines.get(key)!;
    line.holders.delete(runId);
    line.waiting = line.waiting.filter((w) => w.runId !== runId);
    if (line.holders.size === 0 && line.waiting.length === 0) this.#lines.delete(key);
    return key;
  }

  /** Whether a new run of `key` with `limit` may take a slot now: nobody waits, and one is free. */
  hasRoom(key: string, limit: number): boolean {
    const line = this.#lines.get(key);
    return !line || (line.waiting.length === 0 && line.holders.size < limit);
  }

  /**
   * The waiting runs of `key` that fit now, from the head of the line (each against its own
   * limit; the first that does not fit stops the line), moved to the holders. The caller appends
   * `run_admitted` to each.
   */
  admitNext(key: string): string[] {
    const line = this.#lines.get(key);
    const admitted: string[] = [];
    while (line && line.waiting.length > 0 && line.holders.size < line.waiting[0]!.limit) {
      const { runId } = line.waiting.shift()!;
      line.holders.add(runId);
      admitted.push(runId);
    }
    return admitted;
  }

  /** Every key with a line, for the check at start-up. */
  keys(): string[] {
    return [...this.#lines.keys()];
  }
}
