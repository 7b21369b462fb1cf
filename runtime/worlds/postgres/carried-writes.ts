/**
 * Queue writes that ride on the next append this process sends (one statement for both,
 * optimistic-append.ts), or go alone a few ms on: the rows of messages a handler hands to this
 * process's own handler for its run (already claimed here; see postgres-queue.ts), and the
 * deletes of handled messages. Until its row is written a message is known to this process only;
 * if the process dies first, its parent's delete is not written either (below), so the parent
 * is delivered again and enqueues it again.
 *
 * Order: writes go out in the order they were added, never a delete before a row added earlier.
 * A parent's delete is added once its handler returned, so after the rows of the messages it
 * enqueued: they are written in the same statement as the delete, or before it.
 */
import type { QueueMessage } from "../shared/world.js";

/** A message's row, claimed by this process until `lockedUntil`. */
export interface CarriedRow {
  message: QueueMessage;
  runAt: number;
  lockedUntil: number;
}

/** What one statement takes: rows to insert, and IDs of handled messages to delete. */
export interface Carried {
  rows: CarriedRow[];
  deletes: string[];
  /** Hands the rows their IDs (in order) once written. */
  written(ids: string[]): void;
  /** Not written (the statement failed): given back, to go with the next one. */
  failed(): void;
}

/** How soon writes whose statement failed (the server unreachable) are tried again. */
const RETRY_MS = 1_000;

/**
 * The CTEs of a statement that carries writes (`table`: the queue; `rows`, `deletes`: its
 * parameters, a jsonb array from `rowsParam` and a bigint[]), and the select item that gives the
 * rows' IDs in order (`carried`).
 */
export function carriedSql(table: string, rows: string, deletes: string) {
  return {
    ctes: `carried_deletes AS (DELETE FROM ${table} WHERE id = ANY(${deletes}::bigint[])),
       carried_rows AS (
         INSERT INTO ${table} (key, message, run_at, attempts, locked_until)
         SELECT NULL, q.r->'message', (q.r->>'run_at')::bigint, 1, (q.r->>'locked_until')::bigint
         FROM jsonb_array_elements(${rows}::jsonb) WITH ORDINALITY AS q(r, n)
         ORDER BY q.n
         RETURNING id
       )`,
    select: `(SELECT array_agg(id ORDER BY id) FROM carried_rows) AS carried`,
  };
}

/** The parameters of `carriedSql` for `carried` (nothing: empty ones). */
export function carriedParams(carried: Carried | undefined): [string, string[]] {
  const rows = (carried?.rows ?? []).map((row) => ({
    message: row.message,
    run_at: row.runAt,
    locked_until: row.lockedUntil,
  }));
  return [JSON.stringify(rows), carried?.deletes ?? []];
}

interface Waiting {
  row: CarriedRow;
  resolve(id: string): void;
}

export class CarriedWrites {
  #rows: Waiting[] = [];
  #deletes: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  readonly #send: (carried: Carried) => Promise<void>;
  readonly #delayMs: number;

  /**
   * `send` writes them alone (and never throws: on failure it calls `failed`); `delayMs` must be
   * well inside the lease.
   */
  constructor(send: (carried: Carried) => Promise<void>, delayMs: number) {
    this.#send = send;
    this.#delayMs = delayMs;
  }

  /** A row to write; resolves with its ID once written. */
  addRow(row: CarriedRow): Promise<string> {
    return new Promise((resolve) => {
      this.#rows.push({ row, resolve });
      this.#arm();
    });
  }

  /** A handled message to delete. */
  addDelete(id: string): void {
    this.#deletes.push(id);
    this.#arm();
  }

  get size(): number {
    return this.#rows.length + this.#deletes.length;
  }

  /** Everything waiting, for one statement (undefined: nothing). */
  take(): Carried | undefined {
    if (this.size === 0) return undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const rows = this.#rows.splice(0);
    const deletes = this.#deletes.splice(0);
    return {
      rows: rows.map((waiting) => waiting.row),
      deletes,
      written: (ids) => rows.forEach((waiting, i) => waiting.resolve(ids[i]!)),
      failed: () => {
        this.#rows.unshift(...rows);
        this.#deletes.unshift(...deletes);
        this.#arm(RETRY_MS);
      },
    };
  }

  /** Writes what is waiting now. */
  async sendNow(): Promise<void> {
    const carried = this.take();
    if (carried) await this.#send(carried);
  }

  /** Stops the timer for good (after a last `sendNow`). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delayMs = this.#delayMs): void {
    if (this.#stopped) return;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.sendNow();
    }, delayMs);
  }
}
