/**
 * World's "Durability" on a real server: a `durability: "later"` append commits with
 * `synchronous_commit` off, is readable at once, and is flushed by the next default append or by
 * the world's own flush within LATER_DURABILITY_MS; the queue's writes that a crash may lose
 * only redo work; and a connection that breaks (what a server crash does to its clients) makes a
 * process forget what it kept, since the server may have lost "later" commits it had read.
 *
 * How a commit was made is seen by a deferred trigger: it runs as the transaction commits and
 * records `current_setting('synchronous_commit')`, the setting the commit then uses.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { usePostgresPerFile } from "../../../test/support/postgres-per-file.js";
import {
  RUN_CREATED as created,
  RUN_STARTED as started,
  stepCreated,
} from "../../../test/support/world-events.js";
import { LATER_DURABILITY_MS } from "../shared/world.js";
import { createPostgresWorld, type PostgresWorld } from "./postgres-world.js";

const postgres = usePostgresPerFile("later");

const LATER = { durability: "later" } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function world(schema: string): PostgresWorld {
  const w = createPostgresWorld({ connectionString: postgres.url, schema });
  postgres.track(w);
  return w;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  for (const end = Date.now() + timeoutMs; !(await check()); await sleep(20))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

/**
 * A world on a new schema whose `table` rows record, as each transaction commits, the
 * `synchronous_commit` it commits with (`commits`: in commit order, `[key, setting]`).
 */
async function watchedWorld(table: "events" | "queue", key: string) {
  const schema = postgres.schema();
  const w = world(schema);
  await w.start();
  const client = await postgres.connect();
  await client.query(`
    CREATE TABLE ${schema}.commit_modes (n serial, key text, mode text);
    CREATE FUNCTION ${schema}.record_mode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${schema}.commit_modes (key, mode)
          VALUES (${key}, current_setting('synchronous_commit'));
        RETURN NULL;
      END $$;
    CREATE CONSTRAINT TRIGGER record_mode AFTER INSERT ON ${schema}.${table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${schema}.record_mode();`);
  const commits = async () =>
    (
      await client.query<{ key: string; mode: string }>(
        `SELECT key, mode FROM ${schema}.commit_modes ORDER BY n`,
      )
    ).rows.map((row) => [row.key, row.mode]);
  return { schema, w, client, commits };
}

const walLsn = async (client: pg.Client, which: "insert" | "flush") =>
  BigInt(
    "0x" +
      (
        await client.query<{ lsn: string }>(`SELECT pg_current_wal_${which}_lsn()::text AS lsn`)
      ).rows[0]!.lsn.split("/")
        .map((part) => part.padStart(8, "0"))
        .join(""),
  );

describe('durability: "later"', () => {
  it("commits with synchronous_commit off, is readable at once, and is durable after the next default append", async () => {
    const { w, client, commits } = await watchedWorld("events", "NEW.run_id || ':' || NEW.idx");
    await w.append("r", [created]);
    const [stored] = await w.append("r", [started], LATER);
    expect(stored).toMatchObject({ type: "run_started", index: 1 });
    // Stored in order and readable by anyone, before any flush.
    expect((await w.readEvents("r")).map((event) => event.type)).toEqual([
      "run_created",
      "run_started",
    ]);
    const laterEnd = await walLsn(client, "insert"); // past the later commit's record
    await w.append("r", [stepCreated("a")]);
    // The default append flushed the WAL up to itself, and so past the later commit.
    expect(await walLsn(client, "flush")).toBeGreaterThanOrEqual(laterEnd);
    expect(await commits()).toEqual([
      ["r:0", "on"],
      ["r:1", "off"],
      ["r:2", "on"],
    ]);
  });

  it("is kept by the append under the run's lock too (a run another process moved on)", async () => {
    const { schema, w, commits } = await watchedWorld("events", "NEW.run_id || ':' || NEW.idx");
    const other = world(schema);
    await other.start();
    await w.append("r", [created, started]);
    await other.append("r", [stepCreated("a")]); // w's state is behind: w appends under the lock
    await w.append("r", [stepCreated("b")], LATER);
    await w.append("r", [stepCreated("c")]);
    expect((await commits()).slice(2)).toEqual([
      ["r:2", "on"],
      ["r:3", "off"],
      ["r:4", "on"],
    ]);
  });

  it(`is flushed by the world within LATER_DURABILITY_MS (${LATER_DURABILITY_MS} ms) when nothing else comes`, async () => {
    const { schema, w, client } = await watchedWorld("events", "NEW.idx::text");
    // The server's WAL writer flushes only every 10 s (its longest delay): the world must.
    await client.query("ALTER SYSTEM SET wal_writer_delay = '10s'");
    await client.query("SELECT pg_reload_conf()");
    try {
      await w.append("r", [created]);
      const flushes = async () =>
        (await client.query(`SELECT is_called FROM ${schema}.wal_flush_seq`)).rows[0].is_called;
      expect(await flushes()).toBe(false);
      await w.append("r", [started], LATER);
      const laterEnd = await walLsn(client, "insert");
      await until(async () => (await walLsn(client, "flush")) >= laterEnd, "the WAL flush", 2_000);
      expect(await flushes()).toBe(true); // the world's flush (setval) ran
    } finally {
      await client.query("ALTER SYSTEM RESET wal_writer_delay");
      await client.query("SELECT pg_reload_conf()");
    }
  });
});

describe("queue writes a crash may lose", () => {
  it("are the messages a handler enqueues for its own run; others commit synchronously", async () => {
    const { w, commits } = await watchedWorld("queue", "NEW.message->>'runId'");
    const handled: string[] = [];
    w.queue.consume(async (message, delivery) => {
      handled.push(message.runId);
      if (message.runId !== "start" || message.kind !== "workflow") return;
      // Its own run: enqueued again by a second delivery of this message if lost.
      await w.queue.enqueue({ kind: "step", runId: "start", stepId: "s" }, { delivery });
      // Another run, with a delay (the other way of storing a message): nothing would redo it.
      await w.queue.enqueue({ kind: "workflow", runId: "child" }, { delayMs: 1, delivery });
    });
    await w.queue.enqueue({ kind: "workflow", runId: "start" });
    await until(async () => handled.length === 3, "three messages handled");
    expect(await commits()).toEqual([
      ["start", "on"],
      ["start", "off"],
      ["child", "on"],
    ]);
  });
});

describe("a connection that breaks", () => {
  it("makes the world forget the run states it kept, which the server may have lost", async () => {
    const schema = postgres.schema();
    const a = world(schema);
    const b = world(schema);
    await a.start();
    await b.start();
    await a.append("r", [created, started]);
    await a.append("r", [stepCreated("lost")], LATER);
    const client = await postgres.connect();
    const before = a.lossEpoch;
    // What a crash that lost the last commit leaves: the run as of 2 events, every client
    // connection ended by the server.
    await client.query(`DELETE FROM ${schema}.events WHERE run_id = 'r' AND idx = 2`);
    await client.query(`UPDATE ${schema}.runs SET event_count = 2 WHERE run_id = 'r'`);
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND datname = current_database()`,
    );
    await until(async () => a.lossEpoch > before, "A to see its connections end");
    // Another process fills the index again with something else: same count, other content.
    await until(
      () =>
        b.append("r", [stepCreated("redone")]).then(
          () => true,
          () => false,
        ),
      "B to append on a new connection",
    );
    expect(a.cachedStates).toBe(0);
    const run = await a.getRun("r");
    expect([...run!.steps.keys()]).toEqual(["redone"]);
    const [next] = await a.append("r", [stepCreated("next")]);
    expect(next!.index).toBe(3);
  });

  it("under a run's lock, a state held past the stored count is read again", async () => {
    const schema = postgres.schema();
    const a = world(schema);
    await a.start();
    await a.append("r", [created, started, stepCreated("lost")], LATER);
    const client = await postgres.connect();
    // The server lost the last event, and no connection of A's broke (nothing told A).
    await client.query(`DELETE FROM ${schema}.events WHERE run_id = 'r' AND idx = 2`);
    await client.query(`UPDATE ${schema}.runs SET event_count = 2 WHERE run_id = 'r'`);
    expect((await a.getRun("r"))?.eventCount).toBe(2);
    const [next] = await a.append("r", [stepCreated("again")]);
    expect(next!.index).toBe(2);
    expect([...(await a.getRun("r"))!.steps.keys()]).toEqual(["again"]);
  });
});
