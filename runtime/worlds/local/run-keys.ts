import type { RunState } from "../shared/state/types.js";

/**
 * The idempotency keys of the runs this world holds in memory and has not yet stored as finished
 * (unfinished runs, and runs whose finishing write is in flight): key -> run ID. A finished run's
 * key is found in the storage instead (`LogStorage.findRunByKey`). `generation` moves on every
 * release, so that a check that awaited the storage knows to look again: between its look and
 * the claim, a holder may have left this map for the storage.
 */
export class RunKeys {
  readonly #byKey = new Map<string, string>();
  readonly #byRun = new Map<string, string>();
  #generation = 0;

  get generation(): number {
    return this.#generation;
  }

  get(key: string): string | undefined {
    return this.#byKey.get(key);
  }

  /** Records that `runId` holds `key` (the caller checked that no other run does). */
  claim(key: string, runId: string): void {
    this.#byKey.set(key, runId);
    this.#byRun.set(runId, key);
  }

  /** Forgets the key `runId` holds: the run is stored as finished, or was never stored. */
  release(runId: string): void {
    const key = this.#byRun.get(runId);
    if (key === undefined) return;
    this.#byRun.delete(runId);
    if (this.#byKey.get(key) === runId) this.#byKey.delete(key);
    this.#generation++;
  }

  /** After loading or rebuilding `runId`: it holds its key while it is unfinished (`state`). */
  resync(runId: string, state: RunState | null): void {
    const key = state?.idempotencyKey;
    if (key === undefined) this.release(runId);
    else if (!this.#byKey.has(key)) this.claim(key, runId);
  }
}
