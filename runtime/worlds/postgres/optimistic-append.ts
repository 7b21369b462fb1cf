/**
 * An append in one statement, for a run whose state this process holds (the usual case: the
 * process that takes a run's messages keeps its state). The batch is validated against that
 * state in the process, then one statement stores the events and the run's new summary only if
 * the run still has the event count the state was taken at (`runs.event_count`). A row lock
 * taken by an append elsewhere makes it wait, then look at the new count: two appends never
 * both win. When the count moved (another process appended), the run was pruned, or the state
 * held is too old to accept the batch, it returns `stale` and the caller appends under a lock
 * (postgres-world.ts), which reads what it missed. Batches that claim or may free hook tokens
 * take that path too: tokens are unique across processes and need the lock; so do batches that
 * create or end a run with a concurrency limit (its key's lock).
 */
import type { Pool } from "pg";
import { stampEvent } from "../shared/check-event.js";
import { type NewEvent, type StoredEvent, TERMINAL_RUN_EVENTS } from "../shared/events.js";
import { applyEvent } from "../shared/state/apply.js";
import { laterCommit } from "./later-commits.js";
import { type Carried, carriedParams, carriedSql } from "./carried-writes.js";
import { type RunState, type RunSummary, TERMINAL_RUN_STATUSES } from "../shared/state/types.js";

export type OptimisticResult =
  | { status: "stored"; events: StoredEvent[]; state: RunState }
  /** Append under the lock instead; `state` (if given) was changed and must be dropped. */
  | { status: "stale" };

/** Whether the batch may go the one-statement way from `state` (null: a new run). */
export function canAppendOptimistically(state: RunState | null, events: NewEvent[]): boolean {
  for (const event of events) {
    if (event.type === "hook_created" || event.type === "hook_disposed") return false;
    // A run with a concurrency limit is created and ended under its key's lock (concurrency-slots.ts).
    if (event.type === "run_created" && event.data?.concurrency) return false;
    if (TERMINAL_RUN_EVENTS.has(event.type) && state?.concurrency) return false;
    if (TERMINAL_RUN_EVENTS.has(event.type) && state) {
      for (const hook of state.hooks.values()) if (hook.status === "active") return false;
    }
  }
  return true;
}

/**
 * Validates and stores `events` on top of `state` (which it changes: the caller drops it unless
 * the result is `stored`). `s` is the quoted schema. `later`: the statement's own transaction
 * commits with `synchronous_commit` off (`set_config(..., true)` is `SET LOCAL`; see
 * later-commits.ts), in the same round trip. `takeCarried`: queue writes the statement carries
 * (carried-writes.ts), taken as it is sent; they are written whether or not the append is.
 */
export async function appendOptimistically(
  pool: Pool,
  s: string,
  runId: string,
  state: RunState | null,
  events: NewEvent[],
  later = false,
  takeCarried: () => Carried | undefined = () => undefined,
): Promise<OptimisticResult> {
  const expected = state?.eventCount ?? 0;
  const createdAt = Math.max(Date.now(), state?.updatedAt ?? 0);
  const stored: StoredEvent[] = [];
  let next = state;
  try {
    for (let i = 0; i < events.length; i++) {
      const event = stampEvent(events[i], i, { runId, index: expected + i, createdAt });
      next = applyEvent(next, event);
      stored.push(event);
    }
  } catch {
    // Refused by the state held here, which may be behind: the locked append decides.
    return { status: "stale" };
  }
  const run = next!;
  const summary = [
    run.status,
    run.eventCount,
    JSON.stringify(toSummary(run)),
    TERMINAL_RUN_STATUSES.has(run.status) ? (run.completedAt ?? run.updatedAt) : null,
  ];
  const carriedNew = carriedSql(`${s}.queue`, "$10", "$11");
  const carriedNext = carriedSql(`${s}.queue`, "$9", "$10");
  const insertEvents = `INSERT INTO ${s}.events (run_id, idx, event)
       SELECT $1, (e->>'index')::int, e FROM jsonb_array_elements($2::jsonb) AS e
       WHERE EXISTS (SELECT 1 FROM moved)`;
  const query =
    expected === 0
      ? {
          name: `${s}_append_new`,
          text: `WITH moved AS (
         INSERT INTO ${s}.runs (run_id, status, event_count, summary, finished_at, workflow_name, created_at)
         VALUES ($1, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_id) DO NOTHING RETURNING 1
       ), stored AS (${insertEvents}), ${carriedNew.ctes}
       SELECT count(*)::int AS moved, ${laterCommit("$9")}, ${carriedNew.select} FROM moved`,
          values: [
            runId,
            JSON.stringify(stored),
            ...summary,
            run.workflowName,
            run.createdAt,
            later,
          ] as unknown[],
        }
      : {
          name: `${s}_append_next`,
          text: `WITH moved AS (
         UPDATE ${s}.runs SET status = $3, event_count = $4, summary = $5, finished_at = $6
         WHERE run_id = $1 AND event_count = $7 RETURNING 1
       ), stored AS (${insertEvents}), ${carriedNext.ctes}
       SELECT count(*)::int AS moved, ${laterCommit("$8")}, ${carriedNext.select} FROM moved`,
          values: [runId, JSON.stringify(stored), ...summary, expected, later] as unknown[],
        };
  const carried = takeCarried();
  query.values.push(...carriedParams(carried));
  try {
    const { rows } = await pool.query<{ moved: number; carried: string[] | null }>(query);
    carried?.written(rows[0]?.carried ?? []);
    if (rows[0]?.moved !== 1) return { status: "stale" };
  } catch (error) {
    carried?.failed();
    // Events already stored at those indexes: another process appended first.
    if ((error as { code?: unknown })?.code === "23505") return { status: "stale" };
    throw error;
  }
  return { status: "stored", events: stored, state: run };
}

export function toSummary(run: RunState): RunSummary {
  const { steps: _s, waits: _w, hooks: _h, input: _i, output: _o, seed: _seed, ...summary } = run;
  return summary;
}
