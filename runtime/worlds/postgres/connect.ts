/**
 * Connecting the Postgres world: the `pg` package (loaded on first use), a pool with the
 * world's timeouts, the schema created when missing (one process at a time), and the LISTEN
 * connection that wakes queue consumers and stream readers.
 */
import type { Pool } from "pg";
import { isConnectionLoss } from "./connection-loss.js";
import { createListener, type Listener } from "./listener.js";
import { channels, schemaStatements } from "./schema.js";
import { explainTimeout, toClientConfig, type toTimeouts } from "./timeouts.js";

type Pg = typeof import("pg");

async function loadPg(): Promise<Pg> {
  try {
    const pg = (await import("pg")) as Pg & { default?: Pg };
    return pg.default ?? pg;
  } catch (error) {
    throw new Error(
      `The Postgres world needs the "pg" package next to "workflow": npm install pg@8. (${(error as Error).message})`,
    );
  }
}

export interface ConnectOptions {
  connectionString: string;
  schema: string;
  maxConnections: number;
  timeouts: ReturnType<typeof toTimeouts>;
}

/**
 * The pool and the listener, once the schema exists. On failure the pool is handed to
 * `onPool` before the error, so that closing the world can end it. `onLost` is told when a
 * connection broke under the world (connection-loss.ts): an idle one in the pool, one whose
 * statement failed that way, or the listener's.
 */
export async function connectPostgres(
  options: ConnectOptions,
  onPool: (pool: Pool) => void,
  onLost: () => void,
): Promise<{ pool: Pool; listener: Listener }> {
  const pg = await loadPg();
  const { connectionString, schema } = options;
  const timeouts = toClientConfig(options.timeouts);
  const pool = new pg.Pool({ connectionString, max: options.maxConnections, ...timeouts });
  onPool(pool);
  // A client's connection dropped: idle in the pool (which replaces it), or checked out between
  // statements (without a listener of its own, its "error" would end the process; its next
  // statement fails instead), or under a statement.
  pool.on("error", onLost);
  pool.on("connect", (client) => client.on("error", onLost));
  pool.on("release", (error: unknown) => {
    if (error && isConnectionLoss(error)) onLost();
  });
  const client = await pool
    .connect()
    .catch((error: unknown) => Promise.reject(explainTimeout(error, options.timeouts, "start")));
  try {
    // Two processes creating the schema at once: one waits for the other.
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`workflow-schema:${schema}`]);
    for (const statement of schemaStatements(schema)) await client.query(statement);
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`workflow-schema:${schema}`]);
  } finally {
    client.release();
  }
  const names = channels(schema);
  const listener = await createListener(
    () => new pg.Client({ connectionString, ...timeouts }),
    [names.queue, names.streams],
    onLost,
  );
  return { pool, listener };
}

/** The URL without its password, for names and messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "(connection string)";
  }
}
