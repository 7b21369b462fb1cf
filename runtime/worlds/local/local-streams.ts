import { assertRunId } from "../shared/check-event.js";
import {
  toStartIndex,
  assertAppendable,
  assertStreamName,
  streamClosedError,
} from "../shared/stream-checks.js";
import type {
  StreamAppendOptions,
  StreamError,
  StreamInfo,
  StreamReadOptions,
  StreamStore,
} from "../shared/stream-store.js";
import type { ChunkStorage } from "./chunk-storage.js";

/** Chunks a reader takes from the storage at once. */
const READ_BATCH = 256;

interface PendingAppend {
  chunks: readonly string[];
  close: boolean;
  error?: StreamError;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What the store knows of one stream. */
interface StreamState {
  /** Settles once the storage has loaded the stream; a rejected load is retried on next use. */
  ready: Promise<void>;
  /** Chunks stored. */
  length: number;
  closed: boolean;
  error?: StreamError;
  /** Set when a close is accepted (stored or pending): appends of chunks are refused from then on. */
  closing: boolean;
  /** Appends waiting for the write in progress; the next write takes them all (group commit). */
  pending: PendingAppend[];
  draining: boolean;
  idle: Promise<void>;
  /** Readers waiting for more; called (and cleared) after every stored write. */
  waiters: Set<() => void>;
}

/**
 * The stream store of the in-process worlds, over a {@link ChunkStorage}: the part the memory
 * and file worlds share. Appends to a stream that queue up behind a write go out together as
 * the next write, so a step writing many small chunks costs few writes.
 */
export class LocalStreams implements StreamStore {
  readonly #storage: ChunkStorage;
  readonly #states = new Map<string, StreamState>();
  readonly #readOnly: boolean;
  #closed = false;

  /**
   * `readOnly`: another process writes the streams (a read-only file world beside the app), so
   * `info` loads a stream that is still open again each time instead of trusting what it holds.
   */
  constructor(storage: ChunkStorage, { readOnly = false }: { readOnly?: boolean } = {}) {
    this.#storage = storage;
    this.#readOnly = readOnly;
  }

  async append(
    runId: string,
    name: string,
    chunks: readonly string[],
    options: StreamAppendOptions = {},
  ): Promise<void> {
    assertAppendable(this.#closed, runId, name, chunks);
    const state = this.#state(runId, name);
    // Every append passes this one await, so appends keep their call order.
    await state.ready;
    const close = options.close === true || options.error !== undefined;
    if (state.closing && chunks.length > 0) {
      throw streamClosedError(runId, name, chunks.length);
    }
    if (chunks.length === 0 && !close && !state.draining) return;
    if (close && !state.closing) state.closing = true;
    else if (close) options = {}; // closing again: wait for the first close, store nothing
    return new Promise<void>((resolve, reject) => {
      state.pending.push({
        chunks: [...chunks],
        close: options.close === true || options.error !== undefined,
        ...(options.error ? { error: copyError(options.error) } : {}),
        resolve,
        reject,
      });
      if (!state.draining) {
        state.draining = true;
        state.idle = this.#drain(runId, name, state);
      }
    });
  }

  read(
    runId: string,
    name: string,
    options: StreamReadOptions = {},
  ): AsyncIterableIterator<string> {
    const startIndex = toStartIndex(options);
    this.#check(runId, name);
    return new StreamReader({
      state: () => this.#state(runId, name),
      readRange: (from, to) => this.#storage.readRange(runId, name, from, to),
      isClosed: () => this.#closed,
      describe: () => `stream ${JSON.stringify(name)} of run ${runId}`,
      startIndex,
    });
  }

  async info(runId: string, name: string): Promise<StreamInfo> {
    if (this.#readOnly) this.#forgetOpen(runId, name);
    const state = this.#state(runId, name);
    await state.ready;
    return {
      length: state.length,
      closed: state.closed,
      ...(state.error ? { error: copyError(state.error) } : {}),
    };
  }

  async list(runId: string): Promise<string[]> {
    assertRunId(runId);
    return this.#storage.list(runId);
  }

  /** Deletes every stream of a run (a pruned run), after its pending writes. */
  async deleteRun(runId: string): Promise<void> {
    const prefix = `${runId}\0`;
    for (const [key, state] of this.#states) {
      if (!key.startsWith(prefix)) continue;
      await state.idle;
      this.#states.delete(key);
      wake(state);
    }
    await this.#storage.deleteRun(runId);
  }

  /** Refuses new appends, waits for the pending ones, and ends waiting readers with an error. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#states.values()].map((state) => state.idle));
    for (const state of this.#states.values()) wake(state);
  }

  /** Drops what is held of a stream that is not closed, so that it is loaded again. */
  #forgetOpen(runId: string, name: string): void {
    const key = `${runId}\0${name}`;
    const state = this.#states.get(key);
    if (!state || state.closed || state.waiters.size > 0) return;
    this.#states.delete(key);
    this.#storage.forget?.(runId, name);
  }

  #check(runId: string, name: string): void {
    assertStreamName(runId, name);
  }

  #state(runId: string, name: string): StreamState {
    const key = `${runId}\0${name}`;
    let state = this.#states.get(key);
    if (state) return state;
    this.#check(runId, name);
    const created: StreamState = {
      ready: Promise.resolve(),
      length: 0,
      closed: false,
      closing: false,
      pending: [],
      draining: false,
      idle: Promise.resolve(),
      waiters: new Set(),
    };
    created.ready = this.#storage.load(runId, name).then(
      (info) => {
        created.length = info.length;
        created.closed = created.closing = info.closed;
        if (info.error) created.error = info.error;
      },
      (error: unknown) => {
        this.#states.delete(key);
        throw error;
      },
    );
    this.#states.set(key, created);
    return created;
  }

  /** Writes a stream's pending appends, all that queued up during the previous write at once. */
  async #drain(runId: string, name: string, state: StreamState): Promise<void> {
    try {
      while (state.pending.length > 0) {
        const group = state.pending.splice(0);
        const chunks = group.length === 1 ? group[0]!.chunks : group.flatMap((p) => p.chunks);
        const closing = group.find((p) => p.close);
        if (chunks.length > 0 || closing) {
          try {
            await this.#storage.write(runId, name, {
              firstIndex: state.length,
              chunks,
              close: closing !== undefined,
              ...(closing?.error ? { error: closing.error } : {}),
            });
          } catch (error) {
            // Appends queued behind these may have been accepted only because of them (a close).
            for (const append of [...group, ...state.pending.splice(0)]) append.reject(error);
            state.closing = state.closed;
            continue;
          }
          state.length += chunks.length;
          if (closing) {
            state.closed = true;
            if (closing.error) state.error = closing.error;
          }
          wake(state);
        }
        for (const append of group) append.resolve();
      }
    } finally {
      state.draining = false;
    }
    // A closed stream takes no more writes: its record goes (memory stays bounded by the
    // streams in use); a later read or info loads it again from the storage.
    const key = `${runId}\0${name}`;
    if (state.closed && state.waiters.size === 0 && this.#states.get(key) === state) {
      this.#states.delete(key);
      this.#storage.forget?.(runId, name);
    }
  }
}

function wake(state: StreamState): void {
  const waiters = [...state.waiters];
  state.waiters.clear();
  for (const waiter of waiters) waiter();
}

function copyError(error: StreamError): StreamError {
  return {
    message: String(error.message),
    ...(error.name !== undefined ? { name: String(error.name) } : {}),
  };
}

interface ReaderSource {
  state(): StreamState;
  readRange(from: number, to: number): Promise<string[]>;
  isClosed(): boolean;
  describe(): string;
  startIndex: number;
}

/** A live reader: stored chunks first, then each new write as it is stored. */
class StreamReader implements AsyncIterableIterator<string> {
  readonly #source: ReaderSource;
  #index: number | undefined;
  #buffer: string[] = [];
  #position = 0;
  #done = false;
  #wake: (() => void) | undefined;

  constructor(source: ReaderSource) {
    this.#source = source;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<string, undefined>> {
    for (;;) {
      if (this.#done) return { done: true, value: undefined };
      if (this.#position < this.#buffer.length)
        return { done: false, value: this.#buffer[this.#position++]! };
      if (this.#source.isClosed()) {
        this.#done = true;
        throw new Error(`Reading ${this.#source.describe()} stopped: the world was closed`);
      }
      const state = this.#source.state();
      await state.ready;
      if (this.#done) continue; // return() was called meanwhile
      const { startIndex } = this.#source;
      this.#index ??= startIndex < 0 ? Math.max(0, state.length + startIndex) : startIndex;
      if (this.#index < state.length) {
        const to = Math.min(state.length, this.#index + READ_BATCH);
        const chunks = await this.#source.readRange(this.#index, to);
        if (this.#done) continue;
        this.#buffer = chunks;
        this.#position = 0;
        this.#index = to;
        continue;
      }
      if (state.closed) {
        this.#done = true;
        if (state.error)
          throw Object.assign(new Error(state.error.message), {
            name: state.error.name ?? "Error",
          });
        continue;
      }
      if (this.#done) continue;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        state.waiters.add(resolve);
      });
      state.waiters.delete(this.#wake!);
      this.#wake = undefined;
    }
  }

  async return(): Promise<IteratorResult<string, undefined>> {
    this.#done = true;
    this.#buffer = [];
    this.#wake?.();
    return { done: true, value: undefined };
  }
}
