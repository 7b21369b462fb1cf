/**
 * Signed deliveries taken across every process on the database (`World.claimDelivery`): the
 * `consumed_deliveries` table holds each message ID until its signature could no longer be
 * valid.
 */
import type { Pool } from "pg";

/** How often a process deletes the expired claims. */
const SWEEP_EVERY_MS = 60_000;

export interface DeliveryClaims {
  /**
   * Inserts `id`, or takes over an expired claim of it; false when a live claim holds it. Now and
   * then it also deletes the expired rows, so the table holds only the signature window's IDs.
   */
  claim(pool: Pool, id: string, expiresAt: number): Promise<boolean>;
  /** Forgets the claim of `id` (the delivery was not acted on). */
  release(pool: Pool, id: string): Promise<void>;
}

/** Claims in the table of schema `s` (quoted). */
export function createDeliveryClaims(s: string): DeliveryClaims {
  /** When this process last deleted expired claims (epoch ms). */
  let lastSweep = 0;
  return {
    async claim(pool, id, expiresAt) {
      const now = Date.now();
      if (now - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now;
        await pool.query(`DELETE FROM ${s}.consumed_deliveries WHERE expires_at < now()`);
      }
      const claimed = await pool.query(
        `INSERT INTO ${s}.consumed_deliveries AS c (id, expires_at)
         VALUES ($1, to_timestamp($2::double precision / 1000))
         ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE c.expires_at <= now()
         RETURNING id`,
        [id, expiresAt],
      );
      return claimed.rowCount === 1;
    },
    async release(pool, id) {
      await pool.query(`DELETE FROM ${s}.consumed_deliveries WHERE id = $1`, [id]);
    },
  };
}
