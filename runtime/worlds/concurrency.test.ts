/**
 * Concurrency limits as every world keeps them (shared/concurrency.ts), on memory, file and a
 * real Postgres server: a run is admitted (`run_admitted`, written by the world) when its key
 * has a free slot, else it waits in line; the end of a run holding a slot admits the head of the
 * line in the same append and queues its workflow message; a waiting run cannot start, and one
 * cancelled leaves the line. The lines survive a restart of the world.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../../test/support/postgres.js";
import { createFileWorld, createMemoryWorld, createPostgresWorld } from "./index.js";
import type { NewEvent } from "./shared/events.js";
import type { QueueMessage, World } from "./shared/world.js";
import { worldErrorCodeOf } from "../../test/support/rejections.js";

const dirs: string[] = [];
const worlds: World[] = [];
let postgres: PostgresServer;
let schemas = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());
afterEach(async () => {
  await Promise.allSettled(worlds.splice(0).map((world) => world.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** `reopen` gives a second world on the same storage (a restart, or another worker). */
const backends = [
  {
    name: "memory",
    create: async () => {
      const world = createMemoryWorld({ retryBaseMs: 5 });
      return { world, reopen: undefined };
    },
  },
  {
    name: "file",
    create: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "wf-conc-"));
      dirs.push(dir);
      return { world: createFileWorld({ dir }), reopen: () => createFileWorld({ dir }) };
    },
  },
  {
    name: "postgres",
    create: async () => {
      const options = { connectionString: postgres.url, schema: `conc_test_${++schemas}` };
      return {
        world: createPostgresWorld(options),
        reopen: () => createPostgresWorld(options),
      };
    },
  },
];

const created = (key = "k", limit = 1): NewEvent => ({
  type: "run_created",
  data: {
    workflowName: "workflow//./w//flow",
    input: "[]",
    seed: "s",
    concurrency: { key, limit },
  },
});
const started: NewEvent = { type: "run_started", data: {} };
const completed: NewEvent = { type: "run_completed", data: { output: "1" } };
const failed: NewEvent = { type: "run_failed", data: { error: { message: "boom" } } };
const cancelled: NewEvent = { type: "run_cancelled", data: {} };

describe.each(backends)("$name world", ({ create }) => {
  async function open() {
    const { world, reopen } = await create();
    worlds.push(world);
    await world.start();
    return { world, reopen };
  }

  /** The runs of `ids` that hold a slot now. */
  async function holders(world: World, ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      const run = await world.getRun(id);
      if (
        run?.admittedAt !== undefined &&
        !["completed", "failed", "cancelled"].includes(run.status)
      )
        out.push(id);
    }
    return out;
  }

  /** Workflow messages the world queues, as they arrive. */
  function consumeMessages(world: World): string[] {
    const seen: string[] = [];
    world.queue.consume(async (message: QueueMessage) => {
      if (message.kind === "workflow") seen.push(message.runId);
    });
    return seen;
  }

  async function until(check: () => boolean | Promise<boolean>, what: string) {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("limit 1: admits the first run at once, holds the others in line, and frees the slot on complete, fail and cancel", async () => {
    const { world } = await open();
    const messages = consumeMessages(world);
    const ids = ["r1", "r2", "r3", "r4"];
    for (const id of ids) await world.append(id, [created()]);

    expect((await world.readEvents("r1")).map((e) => e.type)).toEqual([
      "run_created",
      "run_admitted",
    ]);
    expect(await holders(world, ids)).toEqual(["r1"]);
    const waiting = await world.getRun("r2");
    expect(waiting).toMatchObject({ status: "pending", concurrency: { key: "k", limit: 1 } });
    expect(waiting?.admittedAt).toBeUndefined();
    // The line is enforced by the world itself, whoever appends.
    expect(await worldErrorCodeOf(world.append("r2", [started]))).toBe("ENTITY_CONFLICT");

    await world.append("r1", [started, completed]);
    expect(await holders(world, ids)).toEqual(["r2"]);
    expect((await world.readEvents("r2")).map((e) => e.type)).toEqual([
      "run_created",
      "run_admitted",
    ]);
    await until(() => messages.includes("r2"), "r2's workflow message");

    await world.append("r2", [started, failed]);
    expect(await holders(world, ids)).toEqual(["r3"]);
    await world.append("r3", [started, cancelled]);
    expect(await holders(world, ids)).toEqual(["r4"]);
    await until(() => messages.includes("r3") && messages.includes("r4"), "r3 and r4's messages");
    expect(messages).not.toContain("r1"); // admitted at creation: start() queues it itself
  });

  it("limit 2: two run at once, the line moves in creation order, and a cancelled waiting run leaves it", async () => {
    const { world } = await open();
    const ids = ["a1", "a2", "a3", "a4", "a5"];
    for (const id of ids) await world.append(id, [created("k2", 2)]);
    expect(await holders(world, ids)).toEqual(["a1", "a2"]);

    await world.append("a4", [cancelled]); // waiting: leaves the line, frees nothing
    expect(await holders(world, ids)).toEqual(["a1", "a2"]);
    expect((await world.readEvents("a4")).map((e) => e.type)).toEqual([
      "run_created",
      "run_cancelled",
    ]);

    await world.append("a2", [started, completed]);
    expect(await holders(world, ids)).toEqual(["a1", "a3"]);
    await world.append("a1", [cancelled]); // admitted, never started: frees its slot too
    expect(await holders(world, ids)).toEqual(["a3", "a5"]);
    await world.append("a3", [started, completed]);
    await world.append("a5", [started, completed]);
    // Nobody left: a new run is admitted at once.
    await world.append("a6", [created("k2", 2)]);
    expect(await holders(world, ["a6"])).toEqual(["a6"]);
  });

  it("keeps keys apart and leaves runs without a limit alone", async () => {
    const { world } = await open();
    await world.append("x1", [created("x")]);
    await world.append("y1", [created("y")]);
    await world.append("x2", [created("x")]);
    await world.append("free", [
      {
        type: "run_created",
        data: { workflowName: "workflow//./w//flow", input: "[]", seed: "s" },
      },
      started,
    ]);
    expect(await holders(world, ["x1", "y1", "x2"])).toEqual(["x1", "y1"]);
    expect((await world.getRun("free"))?.status).toBe("running");
    await world.append("y1", [started, completed]);
    expect(await holders(world, ["x1", "y1", "x2"])).toEqual(["x1"]);
  });

  it("refuses a malformed limit, and run_admitted from outside the world", async () => {
    const { world } = await open();
    const bad = (concurrency: unknown): NewEvent =>
      ({
        type: "run_created",
        data: { workflowName: "w", input: "[]", seed: "s", concurrency },
      }) as NewEvent;
    expect(await worldErrorCodeOf(world.append("b1", [bad({ key: "", limit: 1 })]))).toBe(
      "INVALID_EVENT",
    );
    expect(await worldErrorCodeOf(world.append("b2", [bad({ key: "k", limit: 0 })]))).toBe(
      "INVALID_EVENT",
    );
    expect(await worldErrorCodeOf(world.append("b3", [bad({ key: "k", limit: 1.5 })]))).toBe(
      "INVALID_EVENT",
    );
    expect(await world.getRun("b1")).toBeNull();
    await world.append("b4", [created("solo")]);
    await world.append("b5", [created("solo")]);
    // Jumping the line is refused: only the world writes run_admitted.
    const admitted: NewEvent = { type: "run_admitted", data: {} };
    expect(await worldErrorCodeOf(world.append("b5", [admitted]))).toBe("INVALID_EVENT");
    expect(await worldErrorCodeOf(world.append("b6", [created("solo"), admitted]))).toBe(
      "INVALID_EVENT",
    );
    expect((await world.getRun("b5"))?.admittedAt).toBeUndefined();
    expect(await world.getRun("b6")).toBeNull();
  });

  it("keeps the line across a restart of the world", async ({ skip }) => {
    const { world, reopen } = await open();
    if (!reopen) return skip();
    for (const id of ["s1", "s2", "s3"]) await world.append(id, [created("restart")]);
    await world.append("s1", [started]);
    await world.close();
    worlds.splice(worlds.indexOf(world), 1);

    const again = reopen();
    worlds.push(again);
    await again.start();
    expect(await holders(again, ["s1", "s2", "s3"])).toEqual(["s1"]);
    await again.append("s1", [completed]);
    expect(await holders(again, ["s1", "s2", "s3"])).toEqual(["s2"]);
    await again.append("s2", [started, completed]);
    expect(await holders(again, ["s1", "s2", "s3"])).toEqual(["s3"]);
  });
});

describe("two Postgres workers on one database", () => {
  it("admit exactly `limit` runs of a key when they create runs at once, and move one line", async () => {
    const options = { connectionString: postgres.url, schema: `conc_test_${++schemas}` };
    const a = createPostgresWorld(options);
    const b = createPostgresWorld(options);
    worlds.push(a, b);
    await a.start();
    await b.start();
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).append(id, [created("shared", 2)])));
    const held = async () => {
      const out: string[] = [];
      for (const id of ids) {
        const run = await a.getRun(id);
        if (run?.admittedAt !== undefined && run.status !== "completed") out.push(id);
      }
      return out;
    };
    let holding = await held();
    expect(holding).toHaveLength(2);
    // Ending them from both workers, two at a time, admits the rest in creation order.
    const order = [...holding];
    while (holding.length > 0) {
      await Promise.all(holding.map((id, i) => (i % 2 ? a : b).append(id, [started, completed])));
      holding = await held();
      expect(holding.length).toBeLessThanOrEqual(2);
      order.push(...holding);
    }
    expect(order).toHaveLength(20);
    // The line is in creation order: a run created earlier is never admitted later.
    const runs = await Promise.all(ids.map(async (id) => (await a.getRun(id))!));
    for (const x of runs)
      for (const y of runs)
        if (x.createdAt < y.createdAt) expect(x.admittedAt!).toBeLessThanOrEqual(y.admittedAt!);
  }, 60_000);
});
