/**
 * For a test file of the Postgres world: one server for the whole file (`startPostgres`), a new
 * schema name per call, and what a test opens (worlds, clients) closed after it, newest first.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startPostgres, type PostgresServer } from "./postgres.js";

export interface PostgresPerFile {
  /** The server's connection string (once `beforeAll` has run). */
  readonly url: string;
  /** `<prefix>_<n>`, a schema no other test of the file uses. */
  schema(): string;
  /** Closes `item` after the test. */
  track<T extends { close(): Promise<void> }>(item: T): T;
  /** A plain connection to the server, closed after the test. */
  connect(): Promise<pg.Client>;
}

export function usePostgresPerFile(prefix: string): PostgresPerFile {
  let server: PostgresServer | undefined;
  let schemas = 0;
  const open: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());
  afterEach(async () => {
    await Promise.allSettled(
      open
        .splice(0)
        .reverse()
        .map((item) => item.close()),
    );
  });
  return {
    get url() {
      if (!server) throw new Error("The Postgres server starts in beforeAll");
      return server.url;
    },
    schema: () => `${prefix}_${++schemas}`,
    track(item) {
      open.push(item);
      return item;
    },
    async connect() {
      const client = new pg.Client({ connectionString: this.url });
      await client.connect();
      open.push({ close: () => client.end() });
      return client;
    },
  };
}
