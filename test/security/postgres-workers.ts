/**
 * Two workers on one Postgres database, for the attacks that need a shared world: two runtimes,
 * each with its own Postgres world (and pool), the same secret, the repository's bundles.
 */
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import { createPostgresWorld } from "../../runtime/worlds/index.js";
import { PACKAGE_ROOT } from "../integrations/harness.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";

export const SECRET = "s".repeat(40);

export interface PostgresWorkers {
  a: Runtime;
  b: Runtime;
  /** Closes both runtimes, then stops the server. */
  close(): Promise<void>;
}

/** Starts a server, a database named `database`, and two started workers on it. */
export async function startPostgresWorkers(database: string): Promise<PostgresWorkers> {
  const postgres: PostgresServer = await startPostgres();
  const connectionString = await postgres.createDatabase(database);
  const bundles = createBundleSource({ root: PACKAGE_ROOT });
  const worker = () =>
    createRuntime({ world: createPostgresWorld({ connectionString, secret: SECRET }), bundles });
  const a = worker();
  const b = worker();
  const close = async () => {
    await Promise.allSettled([a.close(), b.close()]);
    await postgres.stop();
  };
  try {
    await a.start();
    await b.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { a, b, close };
}
