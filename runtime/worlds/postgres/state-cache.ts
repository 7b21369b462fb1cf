import type { StoredEvent } from "../shared/events.js";
import type { RunState } from "../shared/state/types.js";

/** Events of a run kept with its state (the latest ones), for `eventsFrom`. */
const TAIL_LENGTH = 16;

interface Entry {
  state: RunState;
  /** The run's latest events this process appended or read, ending at the state's last. */
  tail: StoredEvent[];
}

/**
 * The run states one process keeps, each as of its `eventCount`, so that an append reads only
 * the events other processes added since; with each, the latest few events (what a workflow
 * message's handler reads next, see `eventsFrom`). Bounded: past `capacity` the least recently
 * used state goes (it is read again from the log when needed), so memory follows the runs in
 * flight, not every run the process has seen.
 */
export class StateCache {
  readonly #entries = new Map<string, Entry>();
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
    const entry = this.#entries.get(runId);
    if (entry) {
      this.#entries.delete(runId);
      this.#entries.set(runId, entry);
    }
    return entry?.state;
  }

  /** Keeps `state`; `added` are the events it has that the one kept before did not. */
  set(runId: string, state: RunState, added: StoredEvent[] = []): void {
    const before = this.#entries.get(runId)?.tail ?? [];
    this.#entries.delete(runId);
    if (this.#capacity === 0) return;
    const first = added[0]?.index ?? state.eventCount;
    let tail = before.at(-1)?.index === first - 1 ? before.concat(added) : added.slice();
    if (tail.length > TAIL_LENGTH) tail = tail.slice(-TAIL_LENGTH);
    this.#entries.set(runId, { state, tail });
    if (this.#entries.size > this.#capacity)
      this.#entries.delete(this.#entries.keys().next().value as string);
  }

  /**
   * The run's events from `fromIndex` to the end of the state kept, if this process holds them
   * all (else undefined: read them from the log).
   */
  eventsFrom(runId: string, fromIndex: number): StoredEvent[] | undefined {
    const entry = this.#entries.get(runId);
    if (!entry) return undefined;
    const { state, tail } = entry;
    if (fromIndex === state.eventCount) return [];
    // The state may have moved past its tail (an event applied in place, see applyEvent).
    if (tail.at(-1)?.index !== state.eventCount - 1) return undefined;
    if (fromIndex > state.eventCount || fromIndex < tail[0]!.index) return undefined;
    return tail.slice(fromIndex - tail[0]!.index);
  }

  delete(runId: string): void {
    this.#entries.delete(runId);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
