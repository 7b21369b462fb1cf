/**
 * Concurrency limits on Postgres (see shared/concurrency.ts), inside the append transaction of
 * postgres-world.ts. Every append that may change who holds a slot of a key (one that creates
 * a run with a limit, one that ends such a run) takes a transaction-scoped advisory lock on the
 * key first, before any row lock, so the line of a key changes one transaction at a time in
 * every process and two appends never wait on each other's locks the other way round. Who holds
 * a slot and who waits is read from `runs` (the summary the appends store: `concurrency`,
 * `admittedAt`), plus the run's place in line (`line_seq`, from a sequence, taken under the
 * key's lock when the run is created: creation order, across processes), and a
 * slot is held by a run, not a worker: a worker that dies leaves it to a run another worker
 * recovers and ends.
 */
import type { PoolClient } from "pg";
import { type NewEvent, TERMINAL_RUN_EVENTS } from "../shared/events.js";
import type { RunState } from "../shared/state/types.js";
import { queueKeys } from "../shared/world.js";

/**
 * The key whose line the batch may change, or null: its own for a new run with a limit; for a
 * batch that may end a run, the key the run was created with (from the state this process
 * holds, else read without a lock: it never changes).
 */
export async function lineOfBatch(
  client: PoolClient,
  s: string,
  runId: string,
  events: NewEvent[],
  known: RunState | undefined,
): Promise<string | null> {
  const first = events[0];
  if (first?.type === "run_created") {
    const key: unknown = first.data?.concurrency?.key;
    return typeof key === "string" ? key : null; // a malformed one is refused by the checks
  }
  if (!events.some((event) => TERMINAL_RUN_EVENTS.has(event?.type))) return null;
  if (known) return known.concurrency?.key ?? null; // the key never changes: no need to ask
  const { rows } = await client.query<{ key: string | null }>(
    `SELECT summary->'concurrency'->>'key' AS key FROM ${s}.runs WHERE run_id = $1`,
    [runId],
  );
  return rows[0]?.key ?? null;
}

/** The key of a run's line, as the index on `runs` has it (schema.ts). */
const LINE = "(summary->'concurrency'->>'key')";

/** Gives a run just created with a limit its place in line (the caller holds the key's lock). */
export async function joinLine(client: PoolClient, s: string, runId: string): Promise<void> {
  await client.query(
    `UPDATE ${s}.runs SET line_seq = nextval('${s}.runs_line_seq') WHERE run_id = $1`,
    [runId],
  );
}

/** Waits for the key's lock, held until the transaction ends. */
export async function lockLine(client: PoolClient, schema: string, key: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", [
    `workflow-concurrency:${schema}`,
    key,
  ]);
}

/** Whether a new run of `key` with `limit` may take a slot now: nobody waits, and one is free. */
export async function hasRoom(
  client: PoolClient,
  s: string,
  key: string,
  limit: number,
): Promise<boolean> {
  const { rows } = await client.query<{ holders: number; waiting: number }>(
    `SELECT count(*) FILTER (WHERE summary ? 'admittedAt')::int AS holders,
            count(*) FILTER (WHERE NOT summary ? 'admittedAt')::int AS waiting
     FROM ${s}.runs WHERE ${LINE} = $1 AND finished_at IS NULL AND line_seq IS NOT NULL`,
    [key],
  );
  const { holders = 0, waiting = 0 } = rows[0] ?? {};
  return waiting === 0 && holders < limit;
}

/**
 * The waiting runs of `key` that fit now, from the head of the line (created first; each
 * against its own limit, the first that does not fit stops the line). The caller admits them.
 */
export async function nextInLine(client: PoolClient, s: string, key: string): Promise<string[]> {
  const { rows: counted } = await client.query<{ holders: number }>(
    `SELECT count(*)::int AS holders FROM ${s}.runs
     WHERE ${LINE} = $1 AND finished_at IS NULL AND line_seq IS NOT NULL AND summary ? 'admittedAt'`,
    [key],
  );
  let holders = counted[0]?.holders ?? 0;
  // A line longer than this admits at most this many at once (limits are small in practice).
  const { rows } = await client.query<{ run_id: string; lim: number }>(
    `SELECT run_id, (summary->'concurrency'->>'limit')::int AS lim FROM ${s}.runs
     WHERE ${LINE} = $1 AND finished_at IS NULL AND line_seq IS NOT NULL AND NOT summary ? 'admittedAt'
     ORDER BY line_seq LIMIT 1000`,
    [key],
  );
  const next: string[] = [];
  for (const row of rows) {
    if (holders >= row.lim) break;
    next.push(row.run_id);
    holders++;
  }
  return next;
}

/** Queues a workflow message for an admitted run, in the transaction (so a crash cannot lose it). */
export async function enqueueAdmitted(
  client: PoolClient,
  s: string,
  channel: string,
  runId: string,
): Promise<void> {
  await client.query(
    `WITH stored AS (
       INSERT INTO ${s}.queue (key, message, run_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET run_at = LEAST(${s}.queue.run_at, EXCLUDED.run_at)
       RETURNING run_at
     )
     SELECT pg_notify($4, (SELECT run_at FROM stored)::text)`,
    [queueKeys.workflow(runId), JSON.stringify({ kind: "workflow", runId }), Date.now(), channel],
  );
}
