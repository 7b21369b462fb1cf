/**
 * Idempotency keys on Postgres: `runs.idempotency_key`, unique where set
 * (`runs_by_idempotency_key`), written by the same statement that inserts the run's row, in the
 * transaction that stores its `run_created`. Two processes racing with one key: the second
 * insert waits on the index for the first transaction and then fails with a unique violation,
 * and nothing of its batch is stored. A pruned run's row goes with its key.
 */
import type { Pool, PoolClient } from "pg";

/** The index that makes keys unique (schema.ts). */
export const KEY_INDEX = "runs_by_idempotency_key";

/** The run holding `key`, or undefined. `s` is the quoted schema. */
export async function findKeyHolder(
  client: Pool | PoolClient,
  s: string,
  key: string,
): Promise<string | undefined> {
  const { rows } = await client.query<{ run_id: string }>(
    `SELECT run_id FROM ${s}.runs WHERE idempotency_key = $1`,
    [key],
  );
  return rows[0]?.run_id;
}

/** Whether `error` is the unique violation of a key another transaction stored first. */
export function isKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return typeof e === "object" && e !== null && e.code === "23505" && e.constraint === KEY_INDEX;
}
