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
  /** Run ID to its limit, in creation order (a Map keeps insertion order; deletes are O(1)). */
  waiting: Map<string, number>;
}

export class SlotLines {
  readonly #lines = new Map<string, Line>();
  /** The key of every run in a line. */
  readonly #keyOf = new Map<string, string>();

  /**
   * Puts a run in its key's line: holding a slot, or waiting at the end of the line (runs are
   * added in creation order: as they are created, and at start-up in the order the storage
   * lists them). A run already in its line keeps its place; one that ended leaves it.
   * Called again when a run is re-read from its log, it moves the run to where the log says.
   */
  add(run: RunState): void {
    if (!run.concurrency) return;
    const { key, limit } = run.concurrency;
    if (!holdsSlot(run) && !waitsForSlot(run)) {
      this.remove(run.runId);
      return;
    }
    let line = this.#lines.get(key);
    if (!line) this.#lines.set(key, (line = { holders: new Set(), waiting: new Map() }));
    this.#keyOf.set(run.runId, key);
    if (holdsSlot(run)) {
      line.waiting.delete(run.runId);
      line.holders.add(run.runId);
    } else if (line.holders.delete(run.runId)) {
      // Admitted here but not in its log (the write failed): back to the head of the line.
      line.waiting = new Map([[run.runId, limit], ...line.waiting]);
    } else if (!line.waiting.has(run.runId)) line.waiting.set(run.runId, limit);
  }

  /** Takes a run out of its line (it ended); returns its key, if it was in one. */
  remove(runId: string): string | undefined {
    const key = this.#keyOf.get(runId);
    if (key === undefined) return undefined;
    this.#keyOf.delete(runId);
    const line = this.#lines.get(key)!;
    if (!line.holders.delete(runId)) line.waiting.delete(runId);
    if (line.holders.size === 0 && line.waiting.size === 0) this.#lines.delete(key);
    return key;
  }

  /** Whether a new run of `key` with `limit` may take a slot now: nobody waits, and one is free. */
  hasRoom(key: string, limit: number): boolean {
    const line = this.#lines.get(key);
    return !line || (line.waiting.size === 0 && line.holders.size < limit);
  }

  /**
   * The waiting runs of `key` that fit now, from the head of the line (each against its own
   * limit; the first that does not fit stops the line), moved to the holders. The caller appends
   * `run_admitted` to each.
   */
  admitNext(key: string): string[] {
    const line = this.#lines.get(key);
    const admitted: string[] = [];
    if (!line) return admitted;
    for (const [runId, limit] of line.waiting) {
      if (line.holders.size >= limit) break;
      line.waiting.delete(runId);
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
