/**
 * Deleting finished runs (`World.prune`, and the `retention` option in the background): a run
 * that ended before the cut goes with every row keyed by it (events, stream chunks and heads,
 * hook tokens, queue messages), in one transaction. The runs' rows are taken `FOR UPDATE SKIP
 * LOCKED`, so an append in progress (which locks its run's row) is never raced, and a run that
 * has not ended is never chosen.
 */
import type { Pool } from "pg";

/** Runs deleted per call unless the caller says otherwise. */
export const DEFAULT_PRUNE_LIMIT = 1_000;

export interface PruneOptions {
  finishedBefore: number;
  limit?: number;
  /**
   * Skip (return null) when another process is pruning this schema: background retention needs
   * one worker at a time, not all of them deleting the same rows.
   */
  onlyOneWorker?: boolean;
}

/** Deletes up to `limit` runs that ended before the cut; their IDs, or null when skipped. */
export async function pruneFinishedRuns(
  pool: Pool,
  schema: string,
  s: string,
  options: PruneOptions,
): Promise<string[] | null> {
  const { finishedBefore, limit = DEFAULT_PRUNE_LIMIT } = options;
  if (!Number.isFinite(finishedBefore))
    throw new TypeError(
      `prune: finishedBefore must be a time in epoch ms, got ${String(finishedBefore)}`,
    );
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`prune: limit must be a positive integer, got ${String(limit)}`);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (options.onlyOneWorker) {
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked",
        [`workflow-prune:${schema}`],
      );
      if (!rows[0]?.locked) {
        await client.query("COMMIT");
        return null;
      }
    }
    const { rows } = await client.query<{ run_id: string }>(
      `SELECT run_id FROM ${s}.runs
       WHERE finished_at < $1 AND status IN ('completed', 'failed', 'cancelled')
       ORDER BY finished_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [finishedBefore, limit],
    );
    const ids = rows.map((row) => row.run_id);
    if (ids.length > 0) {
      await client.query(`DELETE FROM ${s}.events WHERE run_id = ANY($1::text[])`, [ids]);
      await client.query(`DELETE FROM ${s}.stream_chunks WHERE run_id = ANY($1::text[])`, [ids]);
      await client.query(`DELETE FROM ${s}.streams WHERE run_id = ANY($1::text[])`, [ids]);
      await client.query(`DELETE FROM ${s}.hook_tokens WHERE run_id = ANY($1::text[])`, [ids]);
      await client.query(`DELETE FROM ${s}.queue WHERE message->>'runId' = ANY($1::text[])`, [ids]);
      await client.query(`DELETE FROM ${s}.runs WHERE run_id = ANY($1::text[])`, [ids]);
    }
    await client.query("COMMIT");
    return ids;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
