import type { RunState } from "../shared/state/types.js";

/**
 * The run states one process keeps, each as of its `eventCount`, so that an append reads only
 * the events other processes added since. Bounded: past `capacity` the least recently used
 * state goes (it is read again from the log when needed), so memory follows the runs in flight,
 * not every run the process has seen.
 */
export class StateCache {
  readonly #states = new Map<string, RunState>();
  readonly #capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(
        `Postgres world: stateCacheSize must be a non-negative integer, got ${String(capacity)}`,
      );
    this.#capacity = capacity;
  }

  /** The state, now the most recently used. */
  get(runId: string): RunState | undefined {
    const state = this.#states.get(runId);
    if (state) {
      this.#states.delete(runId);
      this.#states.set(runId, state);
    }
    return state;
  }

  set(runId: string, state: RunState): void {
    this.#states.delete(runId);
    if (this.#capacity === 0) return;
    this.#states.set(runId, state);
    if (this.#states.size > this.#capacity)
      this.#states.delete(this.#states.keys().next().value as string);
  }

  delete(runId: string): void {
    this.#states.delete(runId);
  }

  clear(): void {
    this.#states.clear();
  }

  get size(): number {
    return this.#states.size;
  }
}
