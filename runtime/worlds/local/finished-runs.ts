import type { RunState } from "../shared/state/types.js";

/**
 * The states of the finished runs used last, at most `size` of them: a `getRun` of a run that
 * just finished (a caller awaiting its result) is answered from memory, and memory stays
 * bounded however many runs finish.
 */
export class FinishedRuns {
  readonly #size: number;
  readonly #isPinned: (runId: string) => boolean;
  readonly #states = new Map<string, RunState>();

  /** `isPinned`: a run whose last write is still in flight, which must not be dropped yet. */
  constructor(size: number, isPinned: (runId: string) => boolean) {
    this.#size = Math.max(0, size);
    this.#isPinned = isPinned;
  }

  get(runId: string): RunState | undefined {
    const state = this.#states.get(runId);
    if (state) {
      this.#states.delete(runId); // most recent last
      this.#states.set(runId, state);
    }
    return state;
  }

  set(runId: string, state: RunState): void {
    this.#states.delete(runId);
    this.#states.set(runId, state);
    if (this.#states.size <= this.#size) return;
    for (const oldest of this.#states.keys()) {
      if (this.#isPinned(oldest)) continue;
      this.#states.delete(oldest);
      return;
    }
  }

  delete(runId: string): void {
    this.#states.delete(runId);
  }

  values(): IterableIterator<RunState> {
    return this.#states.values();
  }
}
