/**
 * How long the Postgres world waits on the server: to connect, for one statement, and for a
 * transaction left idle. Without them a statement behind a lock held elsewhere, or a server that
 * accepts connections and never answers, would hang its caller (and the queue) forever.
 */
import type { PoolConfig } from "pg";
import { WorldError } from "../shared/world-error.js";

export interface PostgresTimeoutOptions {
  /** How long to wait for a connection (new or from the pool). @default 10000 */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run (`statement_timeout`, enforced by the server; the client
   * also gives up a little after it, `query_timeout`, when the server does not answer at all).
   * @default 30000
   */
  statementTimeoutMs?: number;
  /**
   * How long a transaction may sit idle before the server ends it and frees its locks
   * (`idle_in_transaction_session_timeout`): a worker stalled mid-append locks out no one.
   * @default 60000
   */
  idleInTransactionTimeoutMs?: number;
}

/** The client gives up this long after the server should have cancelled the statement. */
const CLIENT_GRACE_MS = 5_000;

interface Timeouts {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export function toTimeouts(options: PostgresTimeoutOptions): Timeouts {
  return {
    connectTimeoutMs: positive(options.connectTimeoutMs, 10_000, "connectTimeoutMs"),
    statementTimeoutMs: positive(options.statementTimeoutMs, 30_000, "statementTimeoutMs"),
    idleInTransactionTimeoutMs: positive(
      options.idleInTransactionTimeoutMs,
      60_000,
      "idleInTransactionTimeoutMs",
    ),
  };
}

/** The `pg` client settings for the timeouts. */
export function toClientConfig(timeouts: Timeouts): PoolConfig {
  return {
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    query_timeout: timeouts.statementTimeoutMs + CLIENT_GRACE_MS,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
  };
}

/**
 * A timeout of `pg` as a WorldError STORAGE_TIMEOUT that says which limit ran out, where, and
 * what to do; any other error as it is. The original is the `cause`.
 */
export function explainTimeout(error: unknown, timeouts: Timeouts, where: string): unknown {
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : "";
  let text: string | undefined;
  if (e?.code === "57014" && /statement timeout/.test(message))
    text =
      `a statement ran past statementTimeoutMs (${timeouts.statementTimeoutMs} ms) and the server cancelled it. ` +
      `Usually a lock held by another connection (see pg_locks and pg_stat_activity) or an overloaded server; ` +
      `raise statementTimeoutMs if statements legitimately take longer.`;
  else if (message === "Query read timeout")
    text =
      `the server did not answer within ${timeouts.statementTimeoutMs + CLIENT_GRACE_MS} ms ` +
      `(statementTimeoutMs plus ${CLIENT_GRACE_MS} ms). Check that the server is up and reachable.`;
  else if (/connection timeout|timeout expired/.test(message))
    text =
      `no connection within connectTimeoutMs (${timeouts.connectTimeoutMs} ms). Check the ` +
      `connection string and that the server is up; a full pool (maxConnections) waits too.`;
  if (text === undefined) return error;
  // A WorldError: storage trouble that the queue delivers again (see engine/run-workflow.ts).
  const explained = new WorldError("STORAGE_TIMEOUT", `Postgres world, ${where}: ${text}`);
  Object.defineProperty(explained, "cause", { value: error, configurable: true });
  return explained;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(
      `Postgres world: ${name} must be a positive number of milliseconds, got ${String(value)}`,
    );
  return value;
}
