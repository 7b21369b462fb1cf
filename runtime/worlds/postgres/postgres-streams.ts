/**
 * The runs' output streams in Postgres: a row per stream (length, closed, error) and a row per
 * chunk. An append locks its stream's row, so appends from any process are stored whole and in
 * order; it then NOTIFYs, and readers in every process wake and read on from their index.
 */
import type { Pool } from "pg";
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
import { createKeyedOrder } from "./keyed-order.js";
import type { Listener } from "./listener.js";
import { quoteSchema } from "./schema.js";

/** Rows read per query while a reader catches up. */
const PAGE = 500;

interface StreamRow {
  length: number;
  closed: boolean;
  error: StreamError | null;
}

/** A wake-up a reader can wait on, set by notifications for its stream. */
class Signal {
  #fired = false;
  #resolve: (() => void) | undefined;
  fire(): void {
    this.#fired = true;
    this.#resolve?.();
  }
  reset(): void {
    this.#fired = false;
  }
  wait(ms: number): Promise<void> {
    if (this.#fired) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.#resolve = undefined;
        resolve();
      }
      this.#resolve = done;
    });
  }
}

export class PostgresStreams implements StreamStore {
  /** Connects (once) and gives the pool. */
  readonly #pool: () => Promise<Pool>;
  readonly #schema: string;
  readonly #channel: string;
  readonly #pollMs: number;
  readonly #waiting = new Map<string, Set<Signal>>();
  /** Appends of one stream in this process, in call order (the row lock orders processes). */
  readonly #order = createKeyedOrder();
  #closed = false;
  #unsubscribe: (() => void) | undefined;

  constructor(pool: () => Promise<Pool>, schema: string, channel: string, pollMs = 1_000) {
    this.#pool = pool;
    this.#schema = quoteSchema(schema);
    this.#channel = channel;
    this.#pollMs = pollMs;
  }

  listen(listener: Listener): void {
    this.#unsubscribe = listener.subscribe(this.#channel, (payload) => {
      for (const signal of this.#waiting.get(payload) ?? []) signal.fire();
    });
  }

  append(
    runId: string,
    name: string,
    chunks: readonly string[],
    options: StreamAppendOptions = {},
  ): Promise<void> {
    return this.#order.run(streamKey(runId, name), () =>
      this.#append(runId, name, chunks, options),
    );
  }

  async #append(
    runId: string,
    name: string,
    chunks: readonly string[],
    options: StreamAppendOptions,
  ): Promise<void> {
    assertAppendable(this.#closed, runId, name, chunks);
    assertStreamName(runId, name);
    const close = options.close === true || options.error !== undefined;
    if (chunks.length === 0 && !close) return;
    const s = this.#schema;
    const client = await (await this.#pool()).connect();
    try {
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO ${s}.streams (run_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [runId, name],
      );
      const { rows } = await client.query<StreamRow>(
        `SELECT length, closed FROM ${s}.streams WHERE run_id = $1 AND name = $2 FOR UPDATE`,
        [runId, name],
      );
      const row = rows[0]!;
      if (row.closed) {
        await client.query("ROLLBACK");
        if (chunks.length > 0) throw streamClosedError(runId, name, chunks.length);
        return; // closing again: a retried step may
      }
      if (chunks.length > 0)
        await client.query(
          `INSERT INTO ${s}.stream_chunks (run_id, name, idx, chunk)
           SELECT $1, $2, $3 + t.i - 1, t.chunk FROM unnest($4::text[]) WITH ORDINALITY AS t(chunk, i)`,
          [runId, name, row.length, chunks],
        );
      await client.query(
        `UPDATE ${s}.streams SET length = length + $3, closed = closed OR $4, error = COALESCE($5, error)
         WHERE run_id = $1 AND name = $2`,
        [
          runId,
          name,
          chunks.length,
          close,
          options.error
            ? JSON.stringify({
                message: options.error.message,
                ...(options.error.name ? { name: options.error.name } : {}),
              })
            : null,
        ],
      );
      await client.query(`SELECT pg_notify($1, $2)`, [this.#channel, streamKey(runId, name)]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  read(
    runId: string,
    name: string,
    options: StreamReadOptions = {},
  ): AsyncIterableIterator<string> {
    const startIndex = toStartIndex(options);
    assertStreamName(runId, name);
    return new PostgresStreamReader({
      startIndex,
      page: async (from) => {
        const { rows } = await (
          await this.#pool()
        ).query<{ idx: number; chunk: string }>(
          `SELECT idx, chunk FROM ${this.#schema}.stream_chunks
           WHERE run_id = $1 AND name = $2 AND idx >= $3 ORDER BY idx LIMIT ${PAGE}`,
          [runId, name, from],
        );
        return rows;
      },
      info: () => this.info(runId, name),
      isClosed: () => this.#closed,
      describe: `stream ${JSON.stringify(name)} of run ${runId}`,
      pollMs: this.#pollMs,
      watch: (signal) => {
        const key = streamKey(runId, name);
        let set = this.#waiting.get(key);
        if (!set) this.#waiting.set(key, (set = new Set()));
        set.add(signal);
        return () => {
          set.delete(signal);
          if (set.size === 0) this.#waiting.delete(key);
        };
      },
    });
  }

  async info(runId: string, name: string): Promise<StreamInfo> {
    assertStreamName(runId, name);
    const { rows } = await (
      await this.#pool()
    ).query<StreamRow>(
      `SELECT length, closed, error FROM ${this.#schema}.streams WHERE run_id = $1 AND name = $2`,
      [runId, name],
    );
    const row = rows[0];
    if (!row) return { length: 0, closed: false };
    return { length: row.length, closed: row.closed, ...(row.error ? { error: row.error } : {}) };
  }

  async list(runId: string): Promise<string[]> {
    assertRunId(runId);
    const { rows } = await (
      await this.#pool()
    ).query<{ name: string }>(
      `SELECT name FROM ${this.#schema}.streams WHERE run_id = $1 AND (length > 0 OR closed) ORDER BY name`,
      [runId],
    );
    return rows.map((row) => row.name);
  }

  /** Refuses new appends and ends waiting readers with an error. */
  async close(): Promise<void> {
    await this.#order.idle();
    this.#closed = true;
    this.#unsubscribe?.();
    for (const set of this.#waiting.values()) for (const signal of set) signal.fire();
  }
}

const streamKey = (runId: string, name: string) => `${runId}\n${name}`;

interface ReaderSource {
  startIndex: number;
  page(from: number): Promise<{ idx: number; chunk: string }[]>;
  info(): Promise<StreamInfo>;
  isClosed(): boolean;
  describe: string;
  pollMs: number;
  /** Fires `signal` on notifications for the stream; returns the unsubscribe. */
  watch(signal: Signal): () => void;
}

/** A live reader: pages through stored chunks, then waits for a notification (or the poll). */
class PostgresStreamReader implements AsyncIterableIterator<string> {
  readonly #source: ReaderSource;
  readonly #signal = new Signal();
  readonly #unwatch: () => void;
  #index: number | undefined;
  #buffer: { idx: number; chunk: string }[] = [];
  #position = 0;
  #done = false;

  constructor(source: ReaderSource) {
    this.#source = source;
    // Watching from the start: a chunk stored between a read and the wait still wakes it.
    this.#unwatch = source.watch(this.#signal);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<string, undefined>> {
    try {
      for (;;) {
        if (this.#done) return { done: true, value: undefined };
        if (this.#position < this.#buffer.length) {
          const row = this.#buffer[this.#position++]!;
          this.#index = row.idx + 1;
          return { done: false, value: row.chunk };
        }
        if (this.#source.isClosed()) {
          this.#done = true;
          throw new Error(`Reading ${this.#source.describe} stopped: the world was closed`);
        }
        const { startIndex } = this.#source;
        this.#index ??=
          startIndex < 0
            ? Math.max(0, (await this.#source.info()).length + startIndex)
            : startIndex;
        this.#signal.reset();
        const rows = await this.#source.page(this.#index);
        if (this.#done) continue;
        if (rows.length > 0) {
          this.#buffer = rows;
          this.#position = 0;
          continue;
        }
        const info = await this.#source.info();
        if (info.closed && this.#index >= info.length) {
          this.#done = true;
          if (info.error)
            throw Object.assign(new Error(info.error.message), {
              name: info.error.name ?? "Error",
            });
          continue;
        }
        if (this.#done) continue;
        await this.#signal.wait(this.#source.pollMs);
      }
    } finally {
      if (this.#done) this.#unwatch();
    }
  }

  async return(): Promise<IteratorResult<string, undefined>> {
    this.#done = true;
    this.#buffer = [];
    this.#signal.fire();
    this.#unwatch();
    return { done: true, value: undefined };
  }
}
