/**
 * What the Postgres world adds to the contract (world.test.ts), on a real server: memory bounded
 * by the runs in flight (issue 10, item 1), retention in the background (item 2), and timeouts
 * that turn a statement or a connection that would hang into a clear error (item 4), and the
 * fast paths of item 8 (one-statement appends, messages run where they were enqueued) keeping
 * what the slow ones guaranteed.
 */
import { createServer, type Server, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { usePostgresPerFile } from "../../../test/support/postgres-per-file.js";
import {
  RUN_CREATED as created,
  RUN_STARTED as started,
  stepCreated,
} from "../../../test/support/world-events.js";
import type { NewEvent } from "../shared/events.js";
import { createPostgresWorld, type PostgresWorldOptions } from "./postgres-world.js";

const postgres = usePostgresPerFile("wpg");

const completed: NewEvent = { type: "run_completed", data: { output: "1" } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function world(options: PostgresWorldOptions = {}, schema = postgres.schema()) {
  const w = createPostgresWorld({ connectionString: postgres.url, schema, ...options });
  postgres.track(w);
  return w;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  for (const end = Date.now() + timeoutMs; !(await check()); await sleep(50))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

describe("memory", () => {
  it("keeps at most stateCacheSize run states, and reads an evicted run again from the log", async () => {
    const w = world({ stateCacheSize: 20 });
    await w.start();
    for (let i = 0; i < 200; i++) await w.append(`r${i}`, [created, started, stepCreated("a")]);
    expect(w.cachedStates).toBe(20);
    // r0 went long ago: its state is rebuilt from the log, and appends continue at its end.
    expect(await w.getRun("r0")).toMatchObject({ status: "running", eventCount: 3 });
    const [next] = await w.append("r0", [stepCreated("b")]);
    expect(next!.index).toBe(3);
    expect([...(await w.getRun("r0"))!.steps.keys()]).toEqual(["a", "b"]);
    expect(w.cachedStates).toBe(20);
  });

  it("sees appends of another process to a run it evicted", async () => {
    const schema = postgres.schema();
    const a = world({ stateCacheSize: 1 }, schema);
    const b = world({}, schema);
    await a.start();
    await b.start();
    await a.append("shared", [created, started]);
    await a.append("other", [created]); // evicts "shared" from A
    await b.append("shared", [stepCreated("from-b")]);
    const [mine] = await a.append("shared", [stepCreated("from-a")]);
    expect(mine!.index).toBe(3);
    expect([...(await b.getRun("shared"))!.steps.keys()]).toEqual(["from-b", "from-a"]);
  });
});

describe("queue", () => {
  it("gives up a message whose workers died on every delivery, without running it again", async () => {
    const schema = postgres.schema();
    const w = world({ maxDeliveries: 2, leaseMs: 200 }, schema);
    await w.start();
    await w.queue.enqueue({ kind: "workflow", runId: "poison" });
    // Two workers took it and died: claimed twice, leases run out.
    const client = await postgres.connect();
    await client.query(`UPDATE ${schema}.queue SET attempts = 2, locked_until = $1`, [
      Date.now() - 1,
    ]);
    const handled: string[] = [];
    const givenUp = new Promise<[string, number]>((resolve) =>
      w.queue.consume(async (message) => void handled.push(message.runId), {
        onGiveUp: (_message, error, attempts) => resolve([(error as Error).message, attempts]),
      }),
    );
    expect(await givenUp).toEqual([expect.stringMatching(/lease ran out 2 times/), 2]);
    expect(handled).toEqual([]);
    await until(
      async () => (await client.query(`SELECT 1 FROM ${schema}.queue`)).rowCount === 0,
      "the message to be deleted",
    );
  });
});

describe("one-statement appends", () => {
  it("refuses, under the lock, a batch that only the state of a process behind allowed", async () => {
    const schema = postgres.schema();
    const a = world({}, schema);
    const b = world({}, schema);
    await a.start();
    await b.start();
    await a.append("r", [created, started, stepCreated("s")]);
    expect((await b.getRun("r"))?.eventCount).toBe(3); // B holds the run as of 3 events
    await a.append("r", [stepCreated("t")]);
    // B's state has no step "t": its own check passes, the run's event count does not.
    await expect(b.append("r", [stepCreated("t")])).rejects.toMatchObject({
      code: "ENTITY_CONFLICT",
    });
    const [next] = await b.append("r", [stepCreated("u")]);
    expect(next!.index).toBe(4);
    expect((await a.readEvents("r")).map((event) => event.index)).toEqual([0, 1, 2, 3, 4]);
    expect([...(await a.getRun("r"))!.steps.keys()]).toEqual(["s", "t", "u"]);
  });
});

describe("messages a consumer enqueues", () => {
  it("run at once where they were enqueued, leased to that worker, and are deleted once handled", async () => {
    const schema = postgres.schema();
    const a = world({}, schema);
    const b = world({}, schema);
    await a.start();
    await b.start();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seenByA: string[] = [];
    const seenByB: string[] = [];
    a.queue.consume(async (message) => {
      seenByA.push(message.runId);
      await gate;
    });
    b.queue.consume(async (message) => void seenByB.push(message.runId));
    await sleep(100); // both consumers have looked at the empty table
    await a.queue.enqueue({ kind: "workflow", runId: "mine" }, { key: "wf:mine" });
    expect(seenByA).toEqual(["mine"]); // handed over before enqueue returned
    const client = await postgres.connect();
    const { rows } = await client.query<{ attempts: number; locked_until: string }>(
      `SELECT attempts, locked_until FROM ${schema}.queue`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(1);
    expect(Number(rows[0]!.locked_until)).toBeGreaterThan(Date.now() + 1_000);
    await sleep(300);
    expect(seenByB).toEqual([]); // leased: B does not take it while A works on it
    release();
    await until(
      async () => (await client.query(`SELECT 1 FROM ${schema}.queue`)).rowCount === 0,
      "the handled message to be deleted",
    );
    expect(seenByA).toEqual(["mine"]);
    expect(seenByB).toEqual([]);
  });
  it("are dropped when a waiting message holds their key, which then moves up", async () => {
    const schema = postgres.schema();
    const a = world({}, schema);
    const other = world({}, schema); // enqueues only: its messages wait in the table
    await a.start();
    await other.start();
    await other.queue.enqueue(
      { kind: "workflow", runId: "waiting" },
      { key: "k", delayMs: 60_000 },
    );
    const seen: string[] = [];
    a.queue.consume(async (message) => void seen.push(message.runId));
    await sleep(100); // A has looked at the table: nothing due yet
    await a.queue.enqueue({ kind: "workflow", runId: "dropped" }, { key: "k" });
    await a.queue.enqueue({ kind: "workflow", runId: "mine" }, { key: "k2" });
    const client = await postgres.connect();
    await until(
      async () => (await client.query(`SELECT 1 FROM ${schema}.queue`)).rowCount === 0,
      "every message to be handled and deleted",
    );
    expect(seen.sort()).toEqual(["mine", "waiting"]);
  });
});

describe("retention", () => {
  it("prunes finished runs in the background, never unfinished ones", async () => {
    const w = world({ retention: "300ms" });
    await w.start();
    await w.append("done", [created, completed]);
    await w.append("running", [created, started]);
    await until(async () => (await w.getRun("done")) === null, "the finished run to be pruned");
    expect((await w.getRun("running"))?.status).toBe("running");
  });

  it("leaves the background prune to one worker at a time", async () => {
    const schema = postgres.schema();
    const w = world({ retention: "100ms" }, schema);
    // Another worker is pruning this schema: it holds the prune lock.
    const other = await postgres.connect();
    await other.query("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`workflow-prune:${schema}`]);
    await w.start();
    await w.append("done", [created, completed]);
    await sleep(1_500); // past a tick of this worker
    expect((await w.getRun("done"))?.status).toBe("completed");
    await other.query("COMMIT");
    await until(async () => (await w.getRun("done")) === null, "the finished run to be pruned");
  });

  it("reads WORKFLOW_RETENTION, and refuses a malformed one when the world is made", async () => {
    const previous = process.env.WORKFLOW_RETENTION;
    try {
      process.env.WORKFLOW_RETENTION = "soon";
      expect(() => world()).toThrow(/WORKFLOW_RETENTION is "soon"/);
      process.env.WORKFLOW_RETENTION = "200ms";
      const w = world();
      await w.start();
      await w.append("done", [created, completed]);
      await until(async () => (await w.getRun("done")) === null, "the finished run to be pruned");
    } finally {
      if (previous === undefined) delete process.env.WORKFLOW_RETENTION;
      else process.env.WORKFLOW_RETENTION = previous;
    }
  });

  it("prunes runs that finished before the world knew finished_at (an older schema)", async () => {
    const schema = postgres.schema();
    const old = world({}, schema);
    await old.start();
    await old.append("legacy", [created, completed]);
    const client = await postgres.connect();
    await client.query(`UPDATE ${schema}.runs SET finished_at = NULL`);
    await old.close();
    const upgraded = world({}, schema); // start() fills finished_at in
    await upgraded.start();
    expect(await upgraded.prune({ finishedBefore: Date.now() + 1 })).toEqual({ deleted: 1 });
    expect(await upgraded.getRun("legacy")).toBeNull();
  });
});

describe("timeouts", () => {
  it("fails an append behind a lock held elsewhere after statementTimeoutMs, with a clear error", async () => {
    const schema = postgres.schema();
    const w = world({ statementTimeoutMs: 300 }, schema);
    await w.start();
    await w.append("r", [created]);
    const locker = await postgres.connect();
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE ${schema}.runs IN ACCESS EXCLUSIVE MODE`);
    const t0 = Date.now();
    const error = await w.append("r", [started]).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(error?.message).toMatch(
      /^Postgres world, append to run r: a statement ran past statementTimeoutMs \(300 ms\)/,
    );
    expect(error?.code).toBe("STORAGE_TIMEOUT");
    expect((error?.cause as { code?: string }).code).toBe("57014");
    await locker.query("ROLLBACK");
    // Nothing was stored, and the run goes on once the lock is gone.
    expect((await w.getRun("r"))?.eventCount).toBe(1);
    await w.append("r", [started]);
    expect((await w.getRun("r"))?.status).toBe("running");
  });

  it("fails start() after connectTimeoutMs when the server never answers", async () => {
    // Accepts connections and says nothing, as a hung server or a black-holed route would.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    postgres.track({
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise((resolve) => silent.close(() => resolve()));
      },
    });
    const { port } = silent.address() as { port: number };
    const w = createPostgresWorld({
      connectionString: `postgres://user:secret@127.0.0.1:${port}/db`,
      connectTimeoutMs: 300,
    });
    const t0 = Date.now();
    await expect(w.start()).rejects.toThrow(
      /^Postgres world, start: no connection within connectTimeoutMs \(300 ms\)/,
    );
    expect(Date.now() - t0).toBeLessThan(5_000);
    await w.close();
  });

  it("refuses a timeout that is not a positive number", () => {
    expect(() => world({ statementTimeoutMs: 0 })).toThrow(/statementTimeoutMs must be a positive/);
  });
});
