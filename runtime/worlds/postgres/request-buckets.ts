/**
 * Webhook requests counted across every process on the database (`World.takeRequest`): a token
 * bucket per key in the `request_buckets` table. One statement refills the bucket for the time
 * since its last request and takes a token when there is a whole one. Concurrent requests for
 * one key queue on its row, each refilling from the row as the one before left it (`b.*`), so
 * no request is counted twice or not at all. A bucket that has filled up again is the same as
 * none: now and then those rows are deleted, so the table holds only the keys in use.
 */
import type { Pool } from "pg";

/** How often a process deletes the buckets that have filled up again. */
const SWEEP_EVERY_MS = 60_000;

export interface RequestBuckets {
  /** Takes one request from `key`: 0 when it may go on, else the seconds to wait (at least 1). */
  take(pool: Pool, key: string, rate: { limit: number; windowMs: number }): Promise<number>;
}

/** Buckets in the table of schema `s` (quoted). */
export function createRequestBuckets(s: string): RequestBuckets {
  /** When this process last deleted full buckets (epoch ms). */
  let lastSweep = 0;
  const refill = `LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.updated_at)) * 1000 * $3::float8)`;
  const left = `${refill} - CASE WHEN ${refill} >= 1 THEN 1 ELSE 0 END`;
  const sql = `INSERT INTO ${s}.request_buckets AS b (key, tokens, allowed, updated_at, full_at)
     VALUES ($1, $2::float8 - 1, true, now(), now() + make_interval(secs => 1 / $3::float8 / 1000))
     ON CONFLICT (key) DO UPDATE SET
       tokens = ${left},
       allowed = ${refill} >= 1,
       updated_at = GREATEST(b.updated_at, now()),
       full_at = GREATEST(b.updated_at, now())
         + make_interval(secs => ($2::float8 - (${left})) / $3::float8 / 1000)
     RETURNING tokens, allowed`;
  return {
    async take(pool, key, rate) {
      const now = Date.now();
      if (now - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now;
        await pool.query(`DELETE FROM ${s}.request_buckets WHERE full_at < now()`);
      }
      const perMs = rate.limit / rate.windowMs;
      const { rows } = await pool.query<{ tokens: number; allowed: boolean }>(sql, [
        key,
        rate.limit,
        perMs,
      ]);
      const row = rows[0]!;
      return row.allowed ? 0 : Math.max(1, Math.ceil((1 - Number(row.tokens)) / perMs / 1000));
    },
  };
}
