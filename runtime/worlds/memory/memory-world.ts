import { LocalWorld, type LocalWorldOptions } from "../local/local-world.js";
import type { LogStorage } from "../local/log-storage.js";
import { stringifyEvent } from "../shared/check-event.js";
import type { StoredEvent } from "../shared/events.js";
import { createMemoryStreams } from "./memory-chunks.js";

/** Options of {@link createMemoryWorld}. */
export type MemoryWorldOptions = LocalWorldOptions;

/**
 * A world that keeps everything in this process (for tests). Events are stored as JSON text,
 * like the file world's, so `readEvents` returns fresh copies and a value that would not
 * survive the file world does not survive here either.
 */
export function createMemoryWorld(options: MemoryWorldOptions = {}): LocalWorld {
  return new LocalWorld(new MemoryStorage(), createMemoryStreams(), options);
}

class MemoryStorage implements LogStorage {
  readonly name = "memory";
  readonly #logs = new Map<string, string[]>();

  describe(runId: string): string {
    return `the log of run ${runId} in memory`;
  }

  async open(): Promise<void> {}

  async listRunIds(): Promise<string[]> {
    return [...this.#logs.keys()];
  }

  load(runId: string): Promise<StoredEvent[]> {
    return this.read(runId, 0);
  }

  async read(runId: string, fromIndex: number): Promise<StoredEvent[]> {
    const lines = this.#logs.get(runId) ?? [];
    const events: StoredEvent[] = [];
    for (let i = fromIndex; i < lines.length; i++)
      events.push(JSON.parse(lines[i] as string) as StoredEvent);
    return events;
  }

  append(runId: string, events: readonly StoredEvent[]): Promise<void> {
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
    return Promise.resolve();
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
