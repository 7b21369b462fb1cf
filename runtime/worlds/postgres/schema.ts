/**
 * The Postgres world's tables, all in one schema (`workflow` unless configured), created by
 * `start()` when missing. A run is its `events` rows; `runs` holds what lists and locks need
 * (the row each append locks, its event count, a summary); `hook_tokens` makes a token unique
 * among live hooks of every process; `queue` and the two stream tables back the queue and the
 * output streams; `consumed_deliveries` holds the message IDs of signed deliveries taken by any
 * process, until their signatures expire; `request_buckets` counts webhook requests for every
 * process (a token bucket per token, deleted once it has filled up again).
 *
 * Changes are additive and idempotent (`IF NOT EXISTS`), so a database made by an older version
 * is brought up to date by the next `start()`: `runs.finished_at` (when a run ended, for
 * `prune`) came later, and is filled in for runs that ended before it existed.
 */

/** A schema name as an SQL identifier; refuses anything but plain names (it is interpolated). */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new TypeError(
      `Postgres world: schema ${JSON.stringify(schema)} must be lower-case letters, digits and _ (at most 63).`,
    );
  return `"${schema}"`;
}

export function schemaStatements(schema: string): string[] {
  const s = quoteSchema(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.runs (
      run_id text PRIMARY KEY,
      workflow_name text NOT NULL,
      status text NOT NULL,
      created_at bigint NOT NULL,
      event_count integer NOT NULL,
      summary jsonb NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS runs_by_creation ON ${s}.runs (created_at DESC, run_id DESC)`,
    `ALTER TABLE ${s}.runs ADD COLUMN IF NOT EXISTS finished_at bigint`,
    `UPDATE ${s}.runs
     SET finished_at = COALESCE((summary->>'completedAt')::bigint, (summary->>'updatedAt')::bigint)
     WHERE finished_at IS NULL AND status IN ('completed', 'failed', 'cancelled')`,
    `CREATE INDEX IF NOT EXISTS runs_by_finish ON ${s}.runs (finished_at) WHERE finished_at IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${s}.events (
      run_id text NOT NULL,
      idx integer NOT NULL,
      event jsonb NOT NULL,
      PRIMARY KEY (run_id, idx)
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.hook_tokens (
      token text PRIMARY KEY,
      run_id text NOT NULL,
      hook_id text NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS hook_tokens_by_run ON ${s}.hook_tokens (run_id)`,
    `CREATE TABLE IF NOT EXISTS ${s}.queue (
      id bigserial PRIMARY KEY,
      key text UNIQUE,
      message jsonb NOT NULL,
      run_at bigint NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      locked_until bigint
    )`,
    `CREATE INDEX IF NOT EXISTS queue_by_due ON ${s}.queue (run_at, id)`,
    `CREATE INDEX IF NOT EXISTS queue_by_run ON ${s}.queue ((message->>'runId'))`,
    `CREATE TABLE IF NOT EXISTS ${s}.streams (
      run_id text NOT NULL,
      name text NOT NULL,
      length integer NOT NULL DEFAULT 0,
      closed boolean NOT NULL DEFAULT false,
      error jsonb,
      PRIMARY KEY (run_id, name)
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.stream_chunks (
      run_id text NOT NULL,
      name text NOT NULL,
      idx integer NOT NULL,
      chunk text NOT NULL,
      PRIMARY KEY (run_id, name, idx)
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.consumed_deliveries (
      id text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.request_buckets (
      key text PRIMARY KEY,
      tokens double precision NOT NULL,
      allowed boolean NOT NULL,
      updated_at timestamptz NOT NULL,
      full_at timestamptz NOT NULL
    )`,
    // Concurrency lines (concurrency-slots.ts): a run with a limit gets its place in line when
    // created; the index holds the unfinished ones of each key, in that order.
    `CREATE SEQUENCE IF NOT EXISTS ${s}.runs_line_seq`,
    `ALTER TABLE ${s}.runs ADD COLUMN IF NOT EXISTS line_seq bigint`,
    `CREATE INDEX IF NOT EXISTS runs_by_concurrency_line ON ${s}.runs ((summary->'concurrency'->>'key'), line_seq) WHERE finished_at IS NULL AND line_seq IS NOT NULL`,
    // Idempotency keys (idempotency-keys.ts): unique among retained runs.
    `ALTER TABLE ${s}.runs ADD COLUMN IF NOT EXISTS idempotency_key text`,
    `CREATE UNIQUE INDEX IF NOT EXISTS runs_by_idempotency_key ON ${s}.runs (idempotency_key) WHERE idempotency_key IS NOT NULL`,
    // What a flush of "later" commits writes (later-commits.ts): setval writes WAL and commits
    // synchronously, with no row to lock or vacuum.
    `CREATE SEQUENCE IF NOT EXISTS ${s}.wal_flush_seq`,
    // Schedules (postgres-schedules.ts).
    `CREATE TABLE IF NOT EXISTS ${s}.schedules (
      id text PRIMARY KEY,
      state jsonb NOT NULL,
      version integer NOT NULL
    )`,
  ];
}

/** LISTEN/NOTIFY channels (per schema): a new queue message, a stream's new chunks. */
export const channels = (schema: string) => ({
  queue: `${schema}_queue`,
  streams: `${schema}_streams`,
});
