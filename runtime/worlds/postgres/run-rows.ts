/**
 * The rows one append writes, in the caller's transaction: the batch's events, the run's row
 * (status, count, summary, idempotency key) and the hook tokens its hooks claim. `s` is the
 * quoted schema (schema.ts).
 */
import type { PoolClient } from "pg";
import type { StoredEvent } from "../shared/events.js";
import { toSummary } from "./optimistic-append.js";
import type { RunState } from "../shared/state/types.js";
import { TERMINAL_RUN_STATUSES } from "../shared/state/types.js";

/** Stores a validated batch and the run's new summary, in the caller's transaction. */
export async function storeBatch(
  client: PoolClient,
  s: string,
  runId: string,
  stored: StoredEvent[],
  run: RunState,
): Promise<void> {
  await client.query(
    `INSERT INTO ${s}.events (run_id, idx, event)
     SELECT $1, (e->>'index')::int, e FROM jsonb_array_elements($2::jsonb) AS e`,
    [runId, JSON.stringify(stored)],
  );
  await client.query(
    `INSERT INTO ${s}.runs (run_id, workflow_name, status, created_at, event_count, summary, finished_at, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (run_id) DO UPDATE SET status = EXCLUDED.status, event_count = EXCLUDED.event_count, summary = EXCLUDED.summary, finished_at = EXCLUDED.finished_at`,
    [
      runId,
      run.workflowName,
      run.status,
      run.createdAt,
      run.eventCount,
      JSON.stringify(toSummary(run)),
      TERMINAL_RUN_STATUSES.has(run.status) ? (run.completedAt ?? run.updatedAt) : null,
      run.idempotencyKey ?? null,
    ],
  );
}

/** Takes `token` for the hook, or returns the run that holds it. */
export async function claimToken(
  client: PoolClient,
  s: string,
  token: string,
  runId: string,
  hookId: string,
): Promise<string | null> {
  const claimed = await client.query(
    `INSERT INTO ${s}.hook_tokens (token, run_id, hook_id) VALUES ($1, $2, $3)
     ON CONFLICT (token) DO NOTHING RETURNING token`,
    [token, runId, hookId],
  );
  if (claimed.rowCount === 1) return null;
  const { rows } = await client.query<{ run_id: string }>(
    `SELECT run_id FROM ${s}.hook_tokens WHERE token = $1`,
    [token],
  );
  return rows[0]?.run_id ?? "";
}
