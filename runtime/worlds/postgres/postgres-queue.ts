/**
 * The world's queue as a Postgres table, shared by every worker process on the database. A
 * consumer claims due messages with `FOR UPDATE SKIP LOCKED` (so two workers never take the
 * same one), leases them (renewing the lease while the handler runs), deletes a message once
 * its handler returns, and puts it back with a backoff when the handler throws. A worker that
 * dies stops renewing: once its leases run out, the messages are claimed again (at-least-once).
 * A message claimed `maxDeliveries` times in a row without its handler returning (it threw, or
 * its workers died) is given up: the consumer's `onGiveUp` is told, and the row deleted. NOTIFY
 * wakes consumers at once; a timer set to the next due message, and a slow poll, cover what a
 * notification does not. A message due now that this process enqueues while its consumer has
 * room skips all that: it is stored already claimed here and handed to the handler at once. When
 * a handler of the same run enqueues it (the engine's next step, the workflow after a step), its
 * row is not even a statement of its own: it rides on this process's next append, or goes a few
 * ms on, with the deletes of handled messages (carried-writes.ts).
 *
 * Durability. Most of the queue's writes commit with `synchronous_commit` off (the server
 * acknowledges them before its WAL flush; see later-commits.ts): a server crash can lose the
 * latest of them, and what that loses is only redone, because Postgres flushes WAL in order:
 * - a message a handler enqueues for its own run: the handler's own message is deleted after
 *   it (it comes later in the WAL), so a crash that loses the new one loses that delete too, and
 *   the handler's message is delivered again and enqueues it again. A message enqueued from
 *   anywhere else (start(), a hook's resume, another run, a step body) commits synchronously:
 *   nothing would enqueue it again.
 * - claims, lease renewals, backoffs and deletes of handled messages: lost, a message is only
 *   delivered again (at-least-once; a step's own lease keeps a second attempt from starting).
 * No step body runs on an unflushed write: the engine's `step_started` is a synchronous commit,
 * which flushes the WAL up to itself, message rows and claims included.
 */
import type { Pool } from "pg";
import {
  assertQueueMessage,
  type ConsumeOptions,
  type Delivery,
  type EnqueueOptions,
  type Queue,
  type QueueHandler,
  type QueueMessage,
} from "../shared/world.js";
import { maxDeliveries } from "../shared/max-deliveries.js";
import { type Carried, carriedParams, carriedSql, CarriedWrites } from "./carried-writes.js";
import type { Listener } from "./listener.js";
import { quoteSchema } from "./schema.js";
import { laterCommit } from "./later-commits.js";

export interface PostgresQueueOptions {
  /** Handlers running at once in this process. @default 32 */
  concurrency?: number;
  /** Delay before the first redelivery of a message whose handler threw; doubles per attempt. @default 50 */
  retryBaseMs?: number;
  /** Longest delay between redeliveries. @default 5000 */
  retryMaxMs?: number;
  /**
   * How long a claimed message is this worker's before another may take it; renewed while the
   * handler runs, so it bounds how long a dead worker's messages wait, not how long a step may
   * take. @default process.env.WORKFLOW_POSTGRES_LEASE_MS ?? 30000
   */
  leaseMs?: number;
  /** Longest wait between looks at the table (other processes' work, expired leases). @default 1000 */
  pollMs?: number;
  /**
   * Deliveries in a row of a message whose handler keeps throwing (or whose workers keep dying)
   * before it is given up: the consumer's `onGiveUp` is told (the runtime fails the run with
   * DELIVERY_FAILED) and the message deleted.
   * @default process.env.WORKFLOW_MAX_DELIVERIES ?? 20
   */
  maxDeliveries?: number;
}

/** A `WHERE` condition that makes the statement's commit a "later" one (always true). */
const LATER = "AND set_config('synchronous_commit', 'off', true) IS NOT NULL";

/**
 * The reads of a run that a handed-off message's handler makes first (see `takeHeldRead`): the
 * engine's, before any user code runs (a step body's own reads go to the server).
 */
export type HeldRead = "getRun" | "readEvents";
const HELD_READS: Record<QueueMessage["kind"], HeldRead[]> = {
  workflow: ["getRun", "readEvents"],
  step: ["getRun"],
};

interface Handling {
  message: QueueMessage;
  /** The reads still to be answered from the copy held (see `takeHeldRead`). */
  heldReads: Set<HeldRead>;
}

interface Claimed {
  /** Its row's ID; a promise while the row waits to be carried (carried-writes.ts). */
  id: string | Promise<string>;
  message: QueueMessage;
  attempts: number;
}

export class PostgresQueue implements Queue {
  readonly #table: string;
  readonly #channel: string;
  /** Connects (once) and gives the pool. */
  readonly #pool: () => Promise<Pool>;
  readonly #concurrency: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #maxDeliveries: number;
  #handler: QueueHandler | undefined;
  #consumer: ConsumeOptions = {};
  readonly #inFlight = new Set<Promise<void>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #pumping = false;
  #again = false;
  /** Enqueues of this process storing a message claimed by itself (see `enqueue`). */
  #reserved = 0;
  /**
   * A look at the table found (or may have found) more than there was room for: a handler
   * that ends looks again. Otherwise NOTIFY, the timer and the poll bring new work.
   */
  #full = false;
  /** Messages whose handlers returned, deleted with the next one this process stores. */
  readonly #carried: CarriedWrites;
  #closed = false;
  #unsubscribe: (() => void) | undefined;
  #errors: unknown[] = [];
  /**
   * The message each running handler was given, by the `Delivery` it was handed: the engine
   * passes that back with its reads and enqueues (`ReadOptions`, `EnqueueOptions`). Named
   * explicitly rather than found through an AsyncLocalStorage, which on Node 20 puts hooks on
   * every promise of the process for as long as any handler runs.
   */
  readonly #handlings = new WeakMap<Delivery, Handling>();

  constructor(
    pool: () => Promise<Pool>,
    schema: string,
    channel: string,
    options: PostgresQueueOptions = {},
  ) {
    this.#pool = pool;
    this.#table = `${quoteSchema(schema)}.queue`;
    this.#channel = channel;
    this.#concurrency = options.concurrency ?? 32;
    this.#retryBaseMs = options.retryBaseMs ?? 50;
    this.#retryMaxMs = options.retryMaxMs ?? 5_000;
    this.#leaseMs = options.leaseMs ?? (Number(process.env.WORKFLOW_POSTGRES_LEASE_MS) || 30_000);
    this.#pollMs = options.pollMs ?? 1_000;
    this.#carried = new CarriedWrites(
      (carried) => this.#sendCarried(carried),
      Math.max(1, Math.min(20, this.#leaseMs / 4)),
    );

    this.#maxDeliveries = maxDeliveries(options.maxDeliveries);
  }

  /** Wakes the consumer when any process enqueues (the payload is the message's due time). */
  listen(listener: Listener): void {
    this.#unsubscribe = listener.subscribe(this.#channel, (payload) => {
      const dueAt = Number(payload);
      if (!Number.isFinite(dueAt) || dueAt <= Date.now()) this.#pump();
      else this.#wakeAt(dueAt);
    });
  }

  /** Deletes the waiting message with `key` (a claimed one has no key any more: see claim). */
  async cancel(key: string): Promise<void> {
    if (this.#closed) return;
    const pool = await this.#pool();
    await pool.query(`DELETE FROM ${this.#table} WHERE key = $1`, [key]);
  }

  /**
   * Stores a message. With a `key` held by a waiting (unclaimed) message, this one is dropped,
   * but the waiting one moves earlier if this one was due sooner.
   *
   * A message due now, enqueued by a process that consumes with room to spare, is stored
   * already claimed by this process and handed to its handler at once (no NOTIFY, no claim
   * round trip): it is leased like any claimed message, so if this process dies another takes
   * it when the lease runs out. Enqueued by a handler of its run, its row is carried by the next
   * statement (carried-writes.ts), without the check for a waiting message with its key (such a
   * message is delivered too: a duplicate, which at-least-once allows).
   */
  async enqueue(message: QueueMessage, options: EnqueueOptions = {}): Promise<void> {
    assertQueueMessage(message);
    if (this.#closed) return;
    const pool = await this.#pool();
    const delay = Number.isFinite(options.delayMs) ? Math.max(0, options.delayMs as number) : 0;
    const dueAt = Date.now() + delay;
    // Redone if lost: the handler's own message, deleted after this, is delivered again.
    const later =
      options.delivery !== undefined &&
      this.#handlings.get(options.delivery)?.message.runId === message.runId;
    if (delay === 0 && later && this.#hasRoom()) {
      // Its row goes with the next statement this process sends (carried-writes.ts).
      const lockedUntil = dueAt + this.#leaseMs;
      const id = this.#carried.addRow({ message, runAt: dueAt, lockedUntil });
      return this.#run({ id, message, attempts: 1 }, true);
    }
    if (delay === 0 && this.#hasRoom()) {
      // Counted now, so that enqueues awaiting their insert do not overrun the concurrency.
      this.#reserved++;
      let claimed: Claimed | undefined;
      try {
        claimed = await this.#storeClaimed(pool, message, options.key ?? null, dueAt);
      } finally {
        this.#reserved--;
      }
      if (!claimed) return;
      if (!this.#closed) return this.#run(claimed);
      // Closed meanwhile: unclaimed, for the next consumer (else the lease runs out first).
      await pool
        .query(`UPDATE ${this.#table} SET locked_until = NULL, attempts = 0 WHERE id = $1`, [
          claimed.id,
        ])
        .catch(() => {});
      return;
    }
    await pool.query(
      `WITH stored AS (
         INSERT INTO ${this.#table} (key, message, run_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET run_at = LEAST(${this.#table}.run_at, EXCLUDED.run_at)
         RETURNING run_at
       )
       SELECT pg_notify($4, (SELECT run_at FROM stored)::text), ${laterCommit("$5")}`,
      [options.key ?? null, JSON.stringify(message), dueAt, this.#channel, later],
    );
  }

  /**
   * A consumer here with room for one more handler, and not looking at the table right now
   * (messages already waiting there, due before this one, are taken first).
   */
  #hasRoom(): boolean {
    return (
      !this.#closed &&
      this.#handler !== undefined &&
      !this.#pumping &&
      this.#inFlight.size + this.#reserved < this.#concurrency
    );
  }

  /**
   * Inserts the message claimed by this process, in one statement; or, when a waiting message
   * holds its key, moves that one earlier (and wakes the consumers), and returns undefined.
   */
  async #storeClaimed(
    pool: Pool,
    message: QueueMessage,
    key: string | null,
    dueAt: number,
  ): Promise<Claimed | undefined> {
    const { rows } = await pool.query<{ id: string | null }>({
      name: `${this.#channel}_store_claimed`,
      text: `WITH waiting AS (
         UPDATE ${this.#table} SET run_at = LEAST(run_at, $3)
         WHERE $1::text IS NOT NULL AND key = $1
         RETURNING run_at
       ), stored AS (
         INSERT INTO ${this.#table} (key, message, run_at, attempts, locked_until)
         SELECT NULL, $2, $3, 1, $4 WHERE NOT EXISTS (SELECT 1 FROM waiting)
         RETURNING id
       )
       SELECT (SELECT id FROM stored) AS id,
              (SELECT pg_notify($5, run_at::text) FROM waiting) AS woken`,
      values: [key, JSON.stringify(message), dueAt, dueAt + this.#leaseMs, this.#channel],
    });
    const id = rows[0]?.id;
    return id === null || id === undefined ? undefined : { id, message, attempts: 1 };
  }

  /** Writes carried rows and deletes on their own (see carried-writes.ts). */
  async #sendCarried(carried: Carried): Promise<void> {
    const sql = carriedSql(this.#table, "$1", "$2");
    try {
      const pool = await this.#pool();
      const { rows } = await pool.query<{ carried: string[] | null }>({
        name: `${this.#channel}_carried`,
        text: `WITH ${sql.ctes} SELECT ${sql.select}, ${laterCommit("true")}`,
        values: carriedParams(carried),
      });
      carried.written(rows[0]?.carried ?? []);
    } catch {
      carried.failed();
    }
  }

  /**
   * Whether the world may answer this `read` of `runId` from the state this process holds,
   * without asking the server: once per handler, for a message that a handler of the same run
   * enqueued here and handed to this one at once, right after the appends it acts on, which this
   * process made (so its copy holds them). What another process appended meanwhile is seen by
   * the next read, and every append checks the run's count (optimistic-append.ts).
   */
  takeHeldRead(runId: string, read: HeldRead, delivery: Delivery | undefined): boolean {
    const handling = delivery && this.#handlings.get(delivery);
    return handling?.message.runId === runId && handling.heldReads.delete(read);
  }

  /** The writes waiting to be carried, for the world's next append (see carried-writes.ts). */
  takeCarried(): Carried | undefined {
    return this.#carried.take();
  }

  consume(handler: QueueHandler, options: ConsumeOptions = {}): void {
    if (typeof handler !== "function") throw new TypeError("queue.consume() needs a function");
    if (this.#handler)
      throw new Error("This queue already has a consumer; a queue has exactly one");
    this.#handler = handler;
    this.#consumer = options;
    this.#pump();
  }

  /** Claims and runs due messages up to the concurrency, then waits for the next one. */
  #pump(): void {
    if (this.#closed || !this.#handler) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void (async () => {
      try {
        await this.#pool();
        do {
          this.#again = false;
          const room = this.#concurrency - this.#inFlight.size - this.#reserved;
          if (room <= 0) {
            this.#full = true;
            break;
          }
          const claimed = await this.#claim(room);
          for (const item of claimed) this.#run(item);
          this.#full = claimed.length === room;
          if (this.#full) this.#again = true;
        } while (this.#again && !this.#closed);
        if (!this.#closed) await this.#armTimer();
      } catch (error) {
        // The database is unreachable, or closing: look again later.
        this.#errors.push(error);
        if (this.#errors.length > 100) this.#errors.shift();
        if (!this.#closed) this.#wakeAt(Date.now() + this.#pollMs);
      } finally {
        this.#pumping = false;
        if (this.#again && !this.#closed) this.#pump();
      }
    })();
  }

  async #claim(limit: number): Promise<Claimed[]> {
    const now = Date.now();
    const { rows } = await (
      await this.#pool()
    ).query<{
      id: string;
      message: QueueMessage;
      attempts: number;
      run_at: string;
    }>(
      `UPDATE ${this.#table} AS q
       SET locked_until = $1, key = NULL, attempts = q.attempts + 1
       FROM (
         SELECT id FROM ${this.#table}
         WHERE run_at <= $2 AND (locked_until IS NULL OR locked_until < $2)
         ORDER BY run_at, id
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       ) AS due
       WHERE q.id = due.id
       RETURNING q.id, q.message, q.attempts, q.run_at, ${laterCommit("true")}`,
      [now + this.#leaseMs, now, limit],
    );
    rows.sort((a, b) => Number(a.run_at) - Number(b.run_at) || Number(a.id) - Number(b.id));
    return rows.map(({ id, message, attempts }) => ({ id, message, attempts }));
  }

  /**
   * `handedOff`: enqueued by a handler of its run here, and run at once (see `takeHeldRead`);
   * its row may not be written yet (`id` resolves once it is).
   */
  #run(item: Claimed, handedOff = false): void {
    const renew = setInterval(() => {
      void this.#pool()
        .then((pool) =>
          Promise.resolve(item.id).then((id) =>
            pool.query(`UPDATE ${this.#table} SET locked_until = $2 WHERE id = $1 ${LATER}`, [
              id,
              Date.now() + this.#leaseMs,
            ]),
          ),
        )
        .catch(() => {});
    }, this.#leaseMs / 3);
    renew.unref();
    const running = (async () => {
      if (item.attempts > this.#maxDeliveries) {
        // Claimed again and again without an outcome: its workers died while handling it.
        const error = new Error(
          `its lease ran out ${item.attempts - 1} times: the workers that took it stopped before its handler returned`,
        );
        return this.#giveUp(item, error, item.attempts - 1);
      }
      try {
        const delivery: Delivery = { attempt: item.attempts };
        this.#handlings.set(delivery, {
          message: item.message,
          heldReads: new Set(handedOff ? HELD_READS[item.message.kind] : []),
        });
        await this.#handler!(item.message, delivery);
      } catch (error) {
        return this.#failed(item, error);
      }
      this.#carried.addDelete(await item.id);
    })().catch(() => {}); // the pool is gone (closing): the lease runs out instead
    this.#inFlight.add(running);
    void running.finally(() => {
      clearInterval(renew);
      this.#inFlight.delete(running);
      if (this.#full) this.#pump();
    });
  }

  /** A handler threw: the message comes back after a backoff, or is given up. */
  async #failed(item: Claimed, error: unknown): Promise<void> {
    if (item.attempts >= this.#maxDeliveries) return this.#giveUp(item, error, item.attempts);
    try {
      this.#consumer.onRetry?.(item.message, error, item.attempts);
    } catch {
      // A listener's failure is not the message's.
    }
    const delay = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (item.attempts - 1));
    const id = await item.id; // a carried row is written first (carried-writes.ts)
    await (
      await this.#pool()
    )
      .query(`UPDATE ${this.#table} SET locked_until = NULL, run_at = $2 WHERE id = $1 ${LATER}`, [
        id,
        Date.now() + delay,
      ])
      .catch(() => {}); // the lease runs out instead
    this.#wakeAt(Date.now() + delay);
  }

  /** Tells the consumer, then deletes the message (if the delete fails, the lease runs out). */
  async #giveUp(item: Claimed, error: unknown, attempts: number): Promise<void> {
    await Promise.resolve()
      .then(() => this.#consumer.onGiveUp?.(item.message, error, attempts))
      .catch(() => {});
    await (
      await this.#pool()
    )
      .query(`DELETE FROM ${this.#table} WHERE id = $1`, [await item.id])
      .catch(() => {});
  }

  /** Sets the timer to the next due message (or the poll interval, whichever is sooner). */
  async #armTimer(): Promise<void> {
    const { rows } = await (
      await this.#pool()
    ).query<{ next: string | null }>(
      `SELECT min(GREATEST(run_at, COALESCE(locked_until, 0))) AS next FROM ${this.#table}`,
    );
    const next =
      rows[0]?.next === null || rows[0]?.next === undefined ? Infinity : Number(rows[0].next);
    this.#wakeAt(Math.min(next, Date.now() + this.#pollMs));
  }

  #wakeAt(at: number): void {
    if (this.#closed || at >= this.#timerAt) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Infinity;
        this.#pump();
      },
      Math.max(0, at - Date.now()),
    );
  }

  /** Stops claiming, then waits for the handlers running (which may still enqueue and append). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    await this.#carried.sendNow();
    this.#carried.stop();
  }
}
