/**
 * A World on a Postgres server, for many worker processes on one database. The event log is
 * the `events` table. An append of a run whose state this process holds, that claims and frees
 * no hook token, is one statement guarded by the run's event count (optimistic-append.ts);
 * otherwise (and when that one finds the run moved on) it is one transaction that locks the
 * run's row (locked-append.ts), validates the batch against the run's state with the same rules
 * as every world (`shared/state/apply.ts`), claims and frees hook tokens in `hook_tokens` (unique
 * among live hooks of all processes), and stores the events and the run's new summary. Each process keeps
 * the states of the runs it works on (a bounded cache, state-cache.ts) and reads only the events
 * other processes appended since, so an append costs the same at the thousandth step as at the
 * first. The queue and the streams are tables too (postgres-queue.ts, postgres-streams.ts);
 * finished runs are deleted by `prune` (prune.ts), in the background with `retention`
 * (retention-timer.ts).
 *
 * Needs the `pg` package (version 8), loaded when the world starts.
 */
import type { Pool, PoolClient } from "pg";
import { assertRunId, isSafeId } from "../shared/check-event.js";
import type { NewEvent, StoredEvent } from "../shared/events.js";
import { applyEvent } from "../shared/state/apply.js";
import type { HookState, RunState, RunSummary } from "../shared/state/types.js";
import {
  type AppendOptions,
  queueKeys,
  type ReadOptions,
  type RunFilter,
  type RunPage,
  type World,
} from "../shared/world.js";
import { decodeCursor, encodeCursor, pageLimit } from "../shared/run-cursor.js";
import { WorldError } from "../shared/world-error.js";
import { createKeyedOrder } from "./keyed-order.js";
import { connectPostgres, redact } from "./connect.js";
import { createDeliveryClaims } from "./delivery-claims.js";
import { createRequestBuckets } from "./request-buckets.js";
import type { Listener } from "./listener.js";
import { PostgresQueue, type PostgresQueueOptions } from "./postgres-queue.js";
import { PostgresStreams } from "./postgres-streams.js";
import { channels, quoteSchema } from "./schema.js";
import { configuredSecret } from "../shared/secret.js";
import { IdempotencyKeyInUseError, idempotencyKeyOf } from "../shared/idempotency.js";
import { findKeyHolder, isKeyViolation } from "./idempotency-keys.js";
import { createPostgresSchedules } from "./postgres-schedules.js";
import type { ScheduleStore } from "../shared/schedules.js";
import { retentionMs } from "../shared/retention.js";
import { pruneFinishedRuns } from "./prune.js";
import { startRetentionTimer, type RetentionTimer } from "./retention-timer.js";
import { StateCache } from "./state-cache.js";
import { appendOptimistically, canAppendOptimistically } from "./optimistic-append.js";
import { appendLocked, type LockedAppendHost } from "./locked-append.js";
import { explainTimeout, type PostgresTimeoutOptions, toTimeouts } from "./timeouts.js";
import { refuseAdmissions } from "../shared/concurrency.js";
import { LaterCommits } from "../shared/later-commits.js";

export interface PostgresWorldOptions extends PostgresQueueOptions, PostgresTimeoutOptions {
  /** `postgres://user:password@host:port/database`. @default process.env.WORKFLOW_POSTGRES_URL */
  connectionString?: string;
  /** The schema that holds the world's tables (created when missing). @default "workflow" */
  schema?: string;
  /** Connections in this process's pool. @default 10 */
  maxConnections?: number;
  /**
   * The key that signs deliveries to the flow and step routes; at least 32 bytes, the same in
   * every process. Without one those routes answer 503 (workers sharing a database need a
   * shared key, so none is made up). @default process.env.WORKFLOW_SECRET
   */
  secret?: string;
  /**
   * How long finished runs are kept: `"30d"`, `"12h"`, a number of ms. When set, the world
   * deletes older ones in the background (`prune`), one worker of the database at a time.
   * @default process.env.WORKFLOW_RETENTION, else runs are kept forever
   */
  retention?: string | number;
  /**
   * Run states this process keeps in memory (least recently used go first; a state that went
   * is read again from the database). @default 2000
   */
  stateCacheSize?: number;
}

export function createPostgresWorld(options: PostgresWorldOptions = {}): PostgresWorld {
  return new PostgresWorld(options);
}

export class PostgresWorld implements World {
  readonly name: string;
  readonly queue: PostgresQueue;
  readonly streams: PostgresStreams;
  readonly schedules: ScheduleStore;
  readonly #options: PostgresWorldOptions;
  readonly #schema: string;
  readonly #s: string;
  /** States of the runs this process works on, each as of its `eventCount`. */
  readonly #runs: StateCache;
  readonly #timeouts: ReturnType<typeof toTimeouts>;
  /** How long (ms) finished runs are kept before the background prune; undefined: forever. */
  readonly #retentionMs: number | undefined;
  #retention: RetentionTimer | undefined;
  /** Appends and catch-ups of one run in this process: they change the state it keeps. */
  readonly #order = createKeyedOrder();
  #pool: Pool | undefined;
  #listener: Listener | undefined;
  #connecting: Promise<void> | undefined;
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #closed = false;
  readonly #secret: string | undefined;
  readonly #claims: ReturnType<typeof createDeliveryClaims>;
  readonly #buckets: ReturnType<typeof createRequestBuckets>;
  /** Appends acknowledged with `synchronous_commit` off, until a flush covers them. */
  readonly #later: LaterCommits;
  /** See `lossEpoch`. */
  #lossEpoch = 0;
  /** What the locked append (locked-append.ts) uses of this world. */
  readonly #host: LockedAppendHost;

  constructor(options: PostgresWorldOptions = {}) {
    this.#secret = configuredSecret(options.secret);
    this.#options = options;
    this.#runs = new StateCache(options.stateCacheSize ?? 2_000);
    this.#timeouts = toTimeouts(options);
    this.#retentionMs = retentionMs(options.retention);
    this.#schema = options.schema ?? "workflow";
    this.#s = quoteSchema(this.#schema);
    this.#host = {
      schema: this.#schema,
      s: this.#s,
      timeouts: this.#timeouts,
      held: (runId) => this.#runs.get(runId),
      stateAt: (client, runId, count, exact, epoch) =>
        this.#stateAt(client, runId, count, exact, epoch),
      keep: (runId, state, epoch, added) => this.#keep(runId, state, epoch, added),
      forget: (runId) => this.#runs.delete(runId),
      connectionLost: () => this.#connectionLost(),
    };
    this.#claims = createDeliveryClaims(this.#s);
    this.schedules = createPostgresSchedules(this.#s, () => this.#ready("schedules"));
    this.#buckets = createRequestBuckets(this.#s);
    const url = options.connectionString ?? process.env.WORKFLOW_POSTGRES_URL;
    if (!url)
      throw new Error(
        "The Postgres world needs a connection string: set WORKFLOW_POSTGRES_URL (postgres://user:password@host:5432/db) or pass { connectionString }.",
      );
    this.#options = { ...options, connectionString: url };
    this.name = `postgres:${redact(url)}/${this.#schema}`;
    // The queue may be used before start() (messages wait for a consumer): it connects itself.
    const pool = () => this.#connect().then(() => this.#pool!);
    const { queue, streams } = channels(this.#schema);
    this.#later = new LaterCommits(async () => {
      await (await pool()).query(`SELECT setval('${this.#s}.wal_flush_seq', 1)`);
    });
    this.queue = new PostgresQueue(pool, this.#schema, queue, options);
    this.streams = new PostgresStreams(pool, this.#schema, streams, options.pollMs);
  }

  /**
   * Moves on each time a connection broke under this process (connection-loss.ts). A server that
   * crashed may have lost appends it had acknowledged as "later" (World's "Durability"), which
   * this process may have read: the run states it kept are dropped then, and the engine drops
   * what it kept from before (its replayed sessions), as a new process would have nothing.
   */
  get lossEpoch(): number {
    return this.#lossEpoch;
  }

  readonly #connectionLost = (): void => {
    this.#lossEpoch++;
    this.#runs.clear();
  };

  /**
   * Keeps a run's state (`added`: its events the one kept before lacked), unless a connection
   * broke since `epoch` (when it was read).
   */
  #keep(runId: string, state: RunState, epoch: number, added: StoredEvent[]): void {
    if (epoch === this.#lossEpoch) this.#runs.set(runId, state, added);
    else this.#runs.delete(runId);
  }

  /** Run states held in memory now (at most `stateCacheSize`), for tests and diagnostics. */
  get cachedStates(): number {
    return this.#runs.size;
  }

  /** For `.catch`: a pg timeout as a STORAGE_TIMEOUT that names the operation. */
  readonly #explainTimeout =
    (where: string) =>
    (error: unknown): never => {
      throw explainTimeout(error, this.#timeouts, where);
    };

  async getSecret(): Promise<string | undefined> {
    return this.#secret;
  }

  /** Takes the delivery `id` for every process on this database (see delivery-claims.ts). */
  async claimDelivery(id: string, expiresAt: number): Promise<boolean> {
    return this.#claims.claim(await this.#ready("claimDelivery"), id, expiresAt);
  }

  async releaseDelivery(id: string): Promise<void> {
    await this.#claims.release(await this.#ready("releaseDelivery"), id);
  }

  /** One request from the bucket `key`, counted for every process on this database. */
  async takeRequest(key: string, rate: { limit: number; windowMs: number }): Promise<number> {
    return this.#buckets.take(await this.#ready("takeRequest"), key, rate);
  }

  /** Connects, creates the schema when missing, and starts listening; once. */
  #connect(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`World ${this.name} is closed`));
    this.#connecting ??= (async () => {
      const { pool, listener } = await connectPostgres(
        {
          connectionString: this.#options.connectionString!,
          schema: this.#schema,
          maxConnections: this.#options.maxConnections ?? 10,
          timeouts: this.#timeouts,
        },
        (pool) => (this.#pool = pool),
        this.#connectionLost,
      );
      this.#pool = pool;
      this.#listener = listener;
      this.queue.listen(listener);
      this.streams.listen(listener);
    })();
    return this.#connecting;
  }

  /** Connects and enqueues every unfinished run (a process that died may have left work). */
  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.#connect();
      const { rows } = await this.#pool!.query<{ run_id: string }>(
        `SELECT run_id FROM ${this.#s}.runs WHERE status NOT IN ('completed', 'failed', 'cancelled') ORDER BY created_at`,
      );
      for (const { run_id } of rows)
        await this.queue.enqueue(
          { kind: "workflow", runId: run_id },
          { key: queueKeys.workflow(run_id) },
        );
      if (this.#retentionMs !== undefined && !this.#closing)
        this.#retention = startRetentionTimer(
          this.#retentionMs,
          async (finishedBefore, limit) =>
            (await this.#prune({ finishedBefore, limit, onlyOneWorker: true }))?.length ?? null,
          (error) =>
            // Tried again at the next tick; said once per tick at most.
            console.error(
              `[workflow] ${this.name}: background prune (retention) failed: ${String(error)}`,
            ),
        );
    })();
    return this.#started;
  }

  async #ready(operation: string): Promise<Pool> {
    if (!this.#started)
      throw new Error(
        `World ${this.name}: ${operation}() before start(); call await world.start() first`,
      );
    await this.#started;
    if (this.#closed) throw new Error(`World ${this.name} is closed; ${operation}() refused`);
    return this.#pool!;
  }

  /**
   * `durability: "later"`: the append's transaction commits with `synchronous_commit` off, and
   * is durable once a synchronous commit that began after it has committed (this process's next
   * default append, or any connection's), or this process's flush LATER_DURABILITY_MS on (see
   * later-commits.ts). Nothing else differs: it is stored, ordered and readable when it resolves.
   */
  append(runId: string, events: NewEvent[], options?: AppendOptions): Promise<StoredEvent[]> {
    const later = options?.durability === "later";
    return this.#order.run(runId, async () => {
      const mark = later ? 0 : this.#later.mark();
      const stored = await this.#append(runId, events, later);
      if (later) this.#later.committed();
      else this.#later.covered(mark);
      return stored;
    });
  }

  async #append(runId: string, events: NewEvent[], later: boolean): Promise<StoredEvent[]> {
    const pool = await this.#ready("append");
    const epoch = this.#lossEpoch;
    assertRunId(runId);
    if (!Array.isArray(events))
      throw new WorldError("INVALID_EVENT", "append() needs an array of events");
    if (events.length === 0) return [];
    refuseAdmissions(events);
    const key = idempotencyKeyOf(events);
    const held = this.#runs.get(runId) ?? null;
    if (
      key === undefined &&
      (held || events[0]?.type === "run_created") &&
      canAppendOptimistically(held, events)
    ) {
      const result = await appendOptimistically(pool, this.#s, runId, held, events, later, () =>
        this.queue.takeCarried(),
      ).catch((error: unknown) => {
        this.#runs.delete(runId);
        throw explainTimeout(error, this.#timeouts, `append to run ${runId}`);
      });
      if (result.status === "stored") {
        this.#keep(runId, result.state, epoch, result.events);
        return result.events;
      }
      this.#runs.delete(runId); // changed by the attempt, or behind: read again under the lock
    }
    if (key === undefined) return appendLocked(this.#host, pool, runId, events, later, epoch);
    // A holder found by the check or the index may be pruned before it is read: try again then.
    for (let attempt = 1; ; attempt++) {
      try {
        return await appendLocked(this.#host, pool, runId, events, later, epoch, key);
      } catch (error) {
        if (!isKeyViolation(error) || attempt === 3) throw error;
        const holder = await findKeyHolder(pool, this.#s, key);
        if (holder !== undefined) throw new IdempotencyKeyInUseError(key, holder);
      }
    }
  }

  /**
   * The run's state as of `count` events: this process's copy, brought up to date. `exact`: the
   * count was read in this turn of the run's order (or under its lock), so no append of ours can
   * have moved past it: a copy ahead of it holds events the server lost (a crash, with "later"
   * appends), and is read again.
   */
  async #stateAt(
    client: Pool | PoolClient,
    runId: string,
    count: number,
    exact: boolean,
    epoch = this.#lossEpoch,
  ): Promise<RunState | null> {
    if (count === 0) {
      // No such run in the database (never made, or pruned): a state kept from before is stale.
      this.#runs.delete(runId);
      return null;
    }
    let state = this.#runs.get(runId) ?? null;
    if (state && state.eventCount > count) {
      if (!exact) return state; // an append of ours moved it on meanwhile
      this.#runs.delete(runId);
      state = null;
    }
    const from = state?.eventCount ?? 0;
    if (from === count) return state;
    const { rows } = await client
      .query<{ event: StoredEvent }>(
        `SELECT event FROM ${this.#s}.events WHERE run_id = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`,
        [runId, from, count],
      )
      .catch(this.#explainTimeout(`read run ${runId}`));
    for (const { event } of rows) state = applyEvent(state, event);
    if (state)
      this.#keep(
        runId,
        state,
        epoch,
        rows.map((row) => row.event),
      );
    return state;
  }

  async readEvents(runId: string, fromIndex = 0, options?: ReadOptions): Promise<StoredEvent[]> {
    const pool = await this.#ready("readEvents");
    if (!Number.isInteger(fromIndex) || fromIndex < 0)
      throw new RangeError(
        `readEvents: fromIndex must be a non-negative integer, got ${fromIndex}`,
      );
    if (!isSafeId(runId)) return [];
    if (this.queue.takeHeldRead(runId, "readEvents", options?.delivery)) {
      const held = this.#runs.eventsFrom(runId, fromIndex);
      if (held) return held;
    }
    const { rows } = await pool
      .query<{ event: StoredEvent }>({
        name: `${this.#s}_read_events`,
        text: `SELECT event FROM ${this.#s}.events WHERE run_id = $1 AND idx >= $2 ORDER BY idx`,
        values: [runId, fromIndex],
      })
      .catch(this.#explainTimeout("readEvents"));
    return rows.map((row) => row.event);
  }

  async getRun(runId: string, options?: ReadOptions): Promise<RunState | null> {
    const pool = await this.#ready("getRun");
    if (!isSafeId(runId)) return null;
    const held = this.#runs.get(runId);
    if (held && this.queue.takeHeldRead(runId, "getRun", options?.delivery)) return held;
    const count = await this.#eventCount(pool, runId);
    if (count === undefined) return null;
    const known = this.#runs.get(runId);
    if (known?.eventCount === count) return known;
    // Behind (another process appended): catch up in turn with this process's appends. Ahead: an
    // append of ours since the count was read, or events the server lost; read in turn, the
    // count tells which.
    return this.#order.run(runId, async () => {
      const held = this.#runs.get(runId);
      if (!held || held.eventCount <= count) return this.#stateAt(pool, runId, count, false);
      return this.#stateAt(pool, runId, (await this.#eventCount(pool, runId)) ?? 0, true);
    });
  }

  /** The run's `event_count`; undefined when there is no such run. */
  async #eventCount(pool: Pool, runId: string): Promise<number | undefined> {
    const { rows } = await pool
      .query<{ event_count: number }>({
        name: `${this.#s}_event_count`,
        text: `SELECT event_count FROM ${this.#s}.runs WHERE run_id = $1`,
        values: [runId],
      })
      .catch(this.#explainTimeout("getRun"));
    return rows[0]?.event_count;
  }

  async listRuns(filter: RunFilter = {}): Promise<RunPage> {
    const limit = pageLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    const pool = await this.#ready("listRuns");
    const { rows } = await pool
      .query<{ summary: RunSummary }>(
        `SELECT summary FROM ${this.#s}.runs
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR workflow_name = $2)
         AND ($3::bigint IS NULL OR (created_at, run_id) < ($3::bigint, $4::text))
       ORDER BY created_at DESC, run_id DESC
       LIMIT $5`,
        [
          filter.status ?? null,
          filter.workflowName ?? null,
          cursor?.createdAt ?? null,
          cursor?.runId ?? null,
          limit + 1,
        ],
      )
      .catch(this.#explainTimeout("listRuns"));
    const runs = rows.slice(0, limit).map((row) => row.summary);
    return { runs, next: rows.length > limit ? encodeCursor(runs[runs.length - 1]!) : null };
  }

  async prune(options: { finishedBefore: number; limit?: number }): Promise<{ deleted: number }> {
    const ids = await this.#prune(options);
    return { deleted: ids?.length ?? 0 };
  }

  async #prune(options: Parameters<typeof pruneFinishedRuns>[3]): Promise<string[] | null> {
    const pool = await this.#ready("prune");
    const ids = await pruneFinishedRuns(pool, this.#schema, this.#s, options).catch(
      (error: unknown) => Promise.reject(explainTimeout(error, this.#timeouts, "prune")),
    );
    for (const runId of ids ?? []) this.#runs.delete(runId);
    return ids;
  }

  async getHookByToken(token: string): Promise<(HookState & { runId: string }) | null> {
    const pool = await this.#ready("getHookByToken");
    const { rows } = await pool
      .query<{ run_id: string; hook_id: string }>(
        `SELECT run_id, hook_id FROM ${this.#s}.hook_tokens WHERE token = $1`,
        [token],
      )
      .catch(this.#explainTimeout("getHookByToken"));
    const holder = rows[0];
    if (!holder) return null;
    const hook = (await this.getRun(holder.run_id))?.hooks.get(holder.hook_id);
    return hook?.status === "active" && hook.token === token
      ? { ...hook, runId: holder.run_id }
      : null;
  }

  /** Stops the queue (waiting for running handlers), then the streams, then the connections. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#retention?.stop();
      await this.queue.close();
      await this.#order.idle();
      // Flushed before the connections end: a clean close leaves nothing to the WAL writer.
      await this.#later.flushNow().catch(() => {});
      this.#later.stop();
      this.#closed = true;
      await this.streams.close();
      await this.#connecting?.catch(() => {});
      await this.#listener?.close();
      await this.#pool?.end();
    })();
    return this.#closing;
  }
}
