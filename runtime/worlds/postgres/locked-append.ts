/**
 * The append of a batch as one transaction that locks the run's row: what the Postgres world
 * does when the optimistic one (optimistic-append.ts) cannot (a hook token to claim or free, an
 * idempotency key, a concurrency line, a run that moved on). It validates the batch against the
 * run's state under the lock, claims and frees hook tokens, stores the events and the run's new
 * summary, and gives the slot a finished run frees to the next run of its line.
 */
import type { Pool, PoolClient } from "pg";
import { stampEvent } from "../shared/check-event.js";
import { ADMITTED, waitsForSlot } from "../shared/concurrency.js";
import { type NewEvent, type StoredEvent, TERMINAL_RUN_EVENTS } from "../shared/events.js";
import { tokensFreedBy } from "../shared/hook-tokens.js";
import { IdempotencyKeyInUseError } from "../shared/idempotency.js";
import { applyEvent } from "../shared/state/apply.js";
import type { RunState } from "../shared/state/types.js";
import { WorldError } from "../shared/world-error.js";
import {
  enqueueAdmitted,
  hasRoom,
  joinLine,
  lineOfBatch,
  lockLine,
  nextInLine,
} from "./concurrency-slots.js";
import { isConnectionLoss } from "./connection-loss.js";
import { findKeyHolder, isKeyViolation } from "./idempotency-keys.js";
import { claimToken, storeBatch } from "./run-rows.js";
import { channels } from "./schema.js";
import { explainTimeout, type toTimeouts } from "./timeouts.js";

/** What the locked append needs of the world: its schema, and the run states it keeps. */
export interface LockedAppendHost {
  /** The schema's name, and quoted for SQL. */
  readonly schema: string;
  readonly s: string;
  readonly timeouts: ReturnType<typeof toTimeouts>;
  /** The state this process keeps of the run, if any. */
  held(runId: string): RunState | undefined;
  /** The run's state as of `count` events (see PostgresWorld `#stateAt`). */
  stateAt(
    client: PoolClient,
    runId: string,
    count: number,
    exact: boolean,
    epoch?: number,
  ): Promise<RunState | null>;
  /** Keeps the run's state after a batch of this process (unless a connection broke since `epoch`). */
  keep(runId: string, state: RunState, epoch: number, added: StoredEvent[]): void;
  /** Drops the state kept of a run (a failed batch may have changed it). */
  forget(runId: string): void;
  /** A connection broke under this process (connection-loss.ts). */
  connectionLost(): void;
}

/** The append as one transaction that locks the run's row (see postgres-world.ts). */
export async function appendLocked(
  host: LockedAppendHost,
  pool: Pool,
  runId: string,
  events: NewEvent[],
  later: boolean,
  epoch: number,
  key?: string,
): Promise<StoredEvent[]> {
  const client = await pool
    .connect()
    .catch((error: unknown) =>
      Promise.reject(explainTimeout(error, host.timeouts, `append to run ${runId}`)),
    );
  const admitted: string[] = [];
  try {
    // One round trip either way (a simple query may hold several statements).
    await client.query(later ? "BEGIN; SET LOCAL synchronous_commit TO OFF" : "BEGIN");
    // A concurrency key's lock comes before any row lock (see concurrency-slots.ts).
    const line = await lineOfBatch(client, host.s, runId, events, host.held(runId));
    if (line !== null) await lockLine(client, host.schema, line);
    const { rows } = await client.query<{ event_count: number }>(
      `SELECT event_count FROM ${host.s}.runs WHERE run_id = $1 FOR UPDATE`,
      [runId],
    );
    const count = rows[0]?.event_count ?? 0;
    if (key !== undefined && count === 0) {
      const holder = await findKeyHolder(client, host.s, key);
      if (holder !== undefined) throw new IdempotencyKeyInUseError(key, holder);
    }
    // The count is exact under the lock: a state held here past it is one the server lost.
    let state = await host.stateAt(client, runId, count, true, epoch);
    const firstIndex = state?.eventCount ?? 0;
    const createdAt = Math.max(Date.now(), state?.updatedAt ?? 0);
    const stored: StoredEvent[] = [];
    try {
      for (let i = 0; i < events.length; i++) {
        let event = stampEvent(events[i], i, { runId, index: firstIndex + i, createdAt });
        if (event.type === "hook_created") {
          const holder = await claimToken(
            client,
            host.s,
            event.data.token,
            runId,
            event.correlationId!,
          );
          if (holder !== null)
            event = {
              ...event,
              type: "hook_conflict",
              data: { token: event.data.token, conflictingRunId: holder },
            };
        }
        const freed = state ? tokensFreedBy(state, event).map((release) => release.token) : [];
        state = applyEvent(state, event);
        for (const token of freed)
          await client.query(`DELETE FROM ${host.s}.hook_tokens WHERE token = $1 AND run_id = $2`, [
            token,
            runId,
          ]);
        stored.push(event);
      }
    } catch (error) {
      // applyEvent mutated the state this process keeps: read it again next time.
      host.forget(runId);
      throw error;
    }
    const limit = count === 0 ? state?.concurrency : undefined;
    if (limit && waitsForSlot(state!) && (await hasRoom(client, host.s, limit.key, limit.limit))) {
      const at = { runId, index: state!.eventCount, createdAt };
      stored.push(stampEvent(ADMITTED, stored.length, at));
      state = applyEvent(state, stored.at(-1)!);
    }
    await storeBatch(client, host.s, runId, stored, state!);
    if (limit) await joinLine(client, host.s, runId);
    if (line !== null && stored.some((event) => TERMINAL_RUN_EVENTS.has(event.type)))
      for (const next of await nextInLine(client, host.s, line)) {
        admitted.push(next);
        await admit(host, client, next);
      }
    await client.query("COMMIT");
    host.keep(runId, state!, epoch, stored);
    return stored;
  } catch (error) {
    if (isConnectionLoss(error)) host.connectionLost();
    await client.query("ROLLBACK").catch(() => {});
    host.forget(runId);
    for (const next of admitted) host.forget(next);
    if (isKeyViolation(error)) throw error; // #append looks for the holder
    if (isUniqueViolation(error))
      throw new WorldError(
        "ENTITY_CONFLICT",
        `Run ${runId}: another process appended the same entity first`,
      );
    throw explainTimeout(error, host.timeouts, `append to run ${runId}`);
  } finally {
    client.release();
  }
}

/**
 * Gives a waiting run the slot the caller's transaction freed: `run_admitted` in its log, and
 * its workflow message in the queue, committed with the end of the run that held the slot.
 */
async function admit(host: LockedAppendHost, client: PoolClient, runId: string): Promise<void> {
  const { rows } = await client.query<{ event_count: number }>(
    `SELECT event_count FROM ${host.s}.runs WHERE run_id = $1 FOR UPDATE`,
    [runId],
  );
  let state = await host.stateAt(client, runId, rows[0]?.event_count ?? 0, true);
  if (!state) return;
  const at = { runId, index: state.eventCount, createdAt: Math.max(Date.now(), state.updatedAt) };
  const event = stampEvent(ADMITTED, 0, at);
  state = applyEvent(state, event);
  await storeBatch(client, host.s, runId, [event], state);
  await enqueueAdmitted(client, host.s, channels(host.schema).queue, runId);
}

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
