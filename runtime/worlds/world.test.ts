/**
 * The guarantees of shared/world.ts, checked against every backend (memory, file, and Postgres on a
 * real server): atomic appends, validated transitions, ordering, hook tokens, listing and the
 * queue.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../../test/support/postgres.js";
import { createFileWorld, createMemoryWorld, createPostgresWorld, WorldError } from "./index.js";
import type { NewEvent } from "./shared/events.js";
import type { QueueMessage, World } from "./shared/world.js";
import type { ScheduleState } from "./shared/schedules.js";
import { worldErrorCodeOf } from "../../test/support/rejections.js";

const dirs: string[] = [];
const worlds: World[] = [];

// One server for the file; each world gets a schema of its own.
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

/**
 * `unit`: the time scale of the queue's timing tests, in ms. A message crosses the in-process
 * queues in well under a millisecond; through Postgres it takes a round trip and a
 * notification, so its delays and waits are stretched to stay clear of them.
 */
const backends = [
  { name: "memory", unit: 1, create: async () => createMemoryWorld({ retryBaseMs: 5 }) },
  {
    name: "file",
    unit: 1,
    create: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "wf-world-"));
      dirs.push(dir);
      return createFileWorld({ dir, retryBaseMs: 5 });
    },
  },
  {
    name: "postgres",
    unit: 10,
    create: async () =>
      createPostgresWorld({
        connectionString: postgres.url,
        schema: `world_test_${++schemas}`,
        retryBaseMs: 5,
      }),
  },
];

const created = (workflowName = "workflow//./w//flow"): NewEvent => ({
  type: "run_created",
  data: { workflowName, input: "[]", seed: "seed" },
});
const stepCreated = (id: string): NewEvent => ({
  type: "step_created",
  correlationId: id,
  data: { stepName: "step//./w//s", input: "[]" },
});
const stepStarted = (id: string, attempt = 1): NewEvent => ({
  type: "step_started",
  correlationId: id,
  data: { attempt },
});
const stepCompleted = (id: string, result = '"ok"'): NewEvent => ({
  type: "step_completed",
  correlationId: id,
  data: { result },
});
const hookCreated = (id: string, token: string): NewEvent => ({
  type: "hook_created",
  correlationId: id,
  data: { token },
});
const runCompleted: NewEvent = { type: "run_completed", data: { output: "1" } };

const ids = (page: { runs: { runId: string }[] }) => page.runs.map((r) => r.runId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)("$name world", ({ create, unit }) => {
  async function open(): Promise<World> {
    const world = await create();
    worlds.push(world);
    await world.start();
    return world;
  }

  describe("appends", () => {
    it("stores events with consecutive indexes, even when appends race", async () => {
      const world = await open();
      await world.append("r1", [created()]);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          world.append("r1", [stepCreated(`s${i}`), stepStarted(`s${i}`)]),
        ),
      );
      const events = await world.readEvents("r1");
      expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));
      expect(events).toHaveLength(81);
      for (let i = 1; i < events.length; i++)
        expect(events[i]!.createdAt).toBeGreaterThanOrEqual(events[i - 1]!.createdAt);
      expect((await world.getRun("r1"))?.eventCount).toBe(81);
      expect((await world.readEvents("r1", 79)).map((e) => e.index)).toEqual([79, 80]);
    });

    it("stores nothing of a batch it refuses", async () => {
      const world = await open();
      await world.append("r1", [created(), stepCreated("a")]);
      const before = await world.readEvents("r1");
      const code = await worldErrorCodeOf(
        world.append("r1", [stepCreated("b"), hookCreated("h", "tok"), stepCreated("a")]),
      );
      expect(code).toBe("ENTITY_CONFLICT");
      expect(await world.readEvents("r1")).toEqual(before);
      const run = await world.getRun("r1");
      expect([...run!.steps.keys()]).toEqual(["a"]);
      expect(run!.hooks.size).toBe(0);
      expect(run!.eventCount).toBe(2);
      // The refused batch's hook did not keep its token.
      expect(await world.getHookByToken("tok")).toBeNull();
      // And the run takes the next batch at the right index.
      const [next] = await world.append("r1", [stepCreated("b")]);
      expect(next!.index).toBe(2);
    });

    it("creates no run from a refused first batch", async () => {
      const world = await open();
      expect(await worldErrorCodeOf(world.append("r1", [created(), stepStarted("nope")]))).toBe(
        "NOT_FOUND",
      );
      expect(await world.getRun("r1")).toBeNull();
      expect(await world.readEvents("r1")).toEqual([]);
      expect((await world.listRuns()).runs).toEqual([]);
      await world.append("r1", [created()]);
      expect((await world.getRun("r1"))?.status).toBe("pending");
    });

    it("refuses malformed input with INVALID_EVENT", async () => {
      const world = await open();
      await world.append("r1", [created()]);
      expect(await worldErrorCodeOf(world.append("../escape", [created()]))).toBe("INVALID_EVENT");
      expect(
        await worldErrorCodeOf(
          world.append("r1", [{ type: "nope", data: {} } as unknown as NewEvent]),
        ),
      ).toBe("INVALID_EVENT");
      expect(
        await worldErrorCodeOf(
          world.append("r1", [{ type: "step_created", data: {} } as NewEvent]),
        ),
      ).toBe("INVALID_EVENT");
      expect(await worldErrorCodeOf(world.append("r1", [hookCreated("h", "")]))).toBe(
        "INVALID_EVENT",
      );
      expect(await world.readEvents("r1")).toHaveLength(1);
    });

    it("refuses calls before start()", async () => {
      const world = await create();
      worlds.push(world);
      await expect(world.append("r1", [created()])).rejects.toThrow(/before start\(\)/);
    });
  });

  describe("transitions", () => {
    it("creates a run once", async () => {
      const world = await open();
      await world.append("r1", [created()]);
      expect(await worldErrorCodeOf(world.append("r1", [created()]))).toBe("ENTITY_CONFLICT");
    });

    it("creates a step once and gives it one terminal event", async () => {
      const world = await open();
      await world.append("r1", [created(), stepCreated("a"), stepStarted("a")]);
      expect(await worldErrorCodeOf(world.append("r1", [stepCreated("a")]))).toBe(
        "ENTITY_CONFLICT",
      );
      await world.append("r1", [stepCompleted("a")]);
      expect(await worldErrorCodeOf(world.append("r1", [stepCompleted("a", '"again"')]))).toBe(
        "ENTITY_CONFLICT",
      );
      expect(
        await worldErrorCodeOf(
          world.append("r1", [
            { type: "step_failed", correlationId: "a", data: { error: { message: "x" } } },
          ]),
        ),
      ).toBe("ENTITY_CONFLICT");
      expect(await worldErrorCodeOf(world.append("r1", [stepStarted("a", 2)]))).toBe(
        "ENTITY_CONFLICT",
      );
      const step = (await world.getRun("r1"))!.steps.get("a")!;
      expect(step).toMatchObject({ status: "completed", result: '"ok"', attempt: 1 });
      const completions = (await world.readEvents("r1")).filter((e) => e.type === "step_completed");
      expect(completions).toHaveLength(1);
    });

    it("refuses events for unknown steps, waits and hooks", async () => {
      const world = await open();
      await world.append("r1", [created()]);
      expect(await worldErrorCodeOf(world.append("r1", [stepStarted("x")]))).toBe("NOT_FOUND");
      expect(
        await worldErrorCodeOf(
          world.append("r1", [{ type: "wait_completed", correlationId: "w", data: {} }]),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await worldErrorCodeOf(
          world.append("r1", [
            { type: "hook_received", correlationId: "h", data: { payload: "1" } },
          ]),
        ),
      ).toBe("NOT_FOUND");
      expect(await worldErrorCodeOf(world.append("nope", [stepCreated("a")]))).toBe("NOT_FOUND");
    });

    it("starts attempts in order and not before retryAfter", async () => {
      const world = await open();
      await world.append("r1", [created(), stepCreated("a"), stepStarted("a")]);
      const retryAfter = Date.now() + 60_000;
      await world.append("r1", [
        {
          type: "step_retrying",
          correlationId: "a",
          data: { error: { message: "flaky" }, retryAfter },
        },
      ]);
      const early = await world.append("r1", [stepStarted("a", 2)]).catch((e: unknown) => e);
      expect(WorldError.is(early, "TOO_EARLY")).toBe(true);
      expect((early as WorldError).retryAfter).toBe(retryAfter);
      expect(await worldErrorCodeOf(world.append("r1", [stepStarted("a", 3)]))).toBe(
        "ENTITY_CONFLICT",
      );
      expect((await world.getRun("r1"))!.steps.get("a")).toMatchObject({
        status: "pending",
        attempt: 1,
        retryAfter,
      });
    });

    it("allows a new attempt of a running step (its worker died) and retries after retryAfter", async () => {
      const world = await open();
      await world.append("r1", [created(), stepCreated("a"), stepStarted("a")]);
      await world.append("r1", [stepStarted("a", 2)]);
      await world.append("r1", [
        {
          type: "step_retrying",
          correlationId: "a",
          data: { error: { message: "flaky" }, retryAfter: Date.now() + 20 },
        },
      ]);
      await sleep(30);
      await world.append("r1", [stepStarted("a", 3), stepCompleted("a")]);
      expect((await world.getRun("r1"))!.steps.get("a")).toMatchObject({
        status: "completed",
        attempt: 3,
      });
    });

    it("completes a wait once and not before resumeAt", async () => {
      const world = await open();
      const resumeAt = Date.now() + 40;
      await world.append("r1", [
        created(),
        { type: "wait_created", correlationId: "w", data: { resumeAt } },
      ]);
      const complete: NewEvent = { type: "wait_completed", correlationId: "w", data: {} };
      const early = await world.append("r1", [complete]).catch((e: unknown) => e);
      expect(WorldError.is(early, "TOO_EARLY")).toBe(true);
      expect((early as WorldError).retryAfter).toBe(resumeAt);
      expect(
        await worldErrorCodeOf(
          world.append("r1", [{ type: "wait_created", correlationId: "w", data: { resumeAt } }]),
        ),
      ).toBe("ENTITY_CONFLICT");
      await sleep(resumeAt - Date.now() + 5);
      await world.append("r1", [complete]);
      expect(await worldErrorCodeOf(world.append("r1", [complete]))).toBe("ENTITY_CONFLICT");
      expect((await world.getRun("r1"))!.waits.get("w")?.status).toBe("completed");
    });

    it("refuses new work and a second ending on a terminal run", async () => {
      const world = await open();
      await world.append("r1", [
        created(),
        { type: "run_started", data: {} },
        stepCreated("a"),
        runCompleted,
      ]);
      expect(await worldErrorCodeOf(world.append("r1", [stepCreated("b")]))).toBe("RUN_TERMINAL");
      expect(
        await worldErrorCodeOf(
          world.append("r1", [{ type: "wait_created", correlationId: "w", data: { resumeAt: 0 } }]),
        ),
      ).toBe("RUN_TERMINAL");
      expect(await worldErrorCodeOf(world.append("r1", [hookCreated("h", "t")]))).toBe(
        "RUN_TERMINAL",
      );
      expect(await worldErrorCodeOf(world.append("r1", [{ type: "run_started", data: {} }]))).toBe(
        "RUN_TERMINAL",
      );
      expect(await worldErrorCodeOf(world.append("r1", [runCompleted]))).toBe("RUN_TERMINAL");
      expect(
        await worldErrorCodeOf(world.append("r1", [{ type: "run_cancelled", data: {} }])),
      ).toBe("RUN_TERMINAL");
      expect(
        await worldErrorCodeOf(
          world.append("r1", [{ type: "run_failed", data: { error: { message: "late" } } }]),
        ),
      ).toBe("RUN_TERMINAL");
      const run = await world.getRun("r1");
      expect(run).toMatchObject({ status: "completed", output: "1", eventCount: 4 });
    });

    it("starts a run once", async () => {
      const world = await open();
      await world.append("r1", [created(), { type: "run_started", data: {} }]);
      expect(await worldErrorCodeOf(world.append("r1", [{ type: "run_started", data: {} }]))).toBe(
        "ENTITY_CONFLICT",
      );
      expect((await world.getRun("r1"))?.status).toBe("running");
    });
  });

  describe("listRuns", () => {
    it("lists newest first, filtered by status and workflow, up to a limit", async () => {
      const world = await open();
      const names = ["a", "b", "a", "b", "a"];
      for (const [i, name] of names.entries()) {
        await world.append(`r${i}`, [created(`workflow//./w//${name}`)]);
        await sleep(2); // distinct createdAt
      }
      await world.append("r1", [{ type: "run_started", data: {} }, runCompleted]);
      await world.append("r2", [{ type: "run_cancelled", data: {} }]);

      expect(ids(await world.listRuns())).toEqual(["r4", "r3", "r2", "r1", "r0"]);
      expect((await world.listRuns()).next).toBeNull();
      expect(ids(await world.listRuns({ status: "pending" }))).toEqual(["r4", "r3", "r0"]);
      expect(ids(await world.listRuns({ workflowName: "workflow//./w//a" }))).toEqual([
        "r4",
        "r2",
        "r0",
      ]);
      expect(
        ids(await world.listRuns({ workflowName: "workflow//./w//b", status: "completed" })),
      ).toEqual(["r1"]);
      expect(ids(await world.listRuns({ limit: 2 }))).toEqual(["r4", "r3"]);
      const {
        runs: [summary],
      } = await world.listRuns({ status: "completed" });
      expect(summary).toMatchObject({ runId: "r1", status: "completed" });
      expect(summary).not.toHaveProperty("steps");
      expect(summary).not.toHaveProperty("output");
    });

    it("pages with a cursor, each run once, also while runs are added", async () => {
      const world = await open();
      for (let i = 0; i < 7; i++) {
        await world.append(`p${i}`, [created(i % 2 ? "workflow//./w//odd" : undefined)]);
        await sleep(2);
      }
      const first = await world.listRuns({ limit: 3 });
      expect(ids(first)).toEqual(["p6", "p5", "p4"]);
      expect(typeof first.next).toBe("string");
      await world.append("p7", [created()]); // newer than the cursor: not in later pages
      const second = await world.listRuns({ limit: 3, cursor: first.next! });
      expect(ids(second)).toEqual(["p3", "p2", "p1"]);
      const third = await world.listRuns({ limit: 3, cursor: second.next! });
      expect(ids(third)).toEqual(["p0"]);
      expect(third.next).toBeNull();
      // A filtered page's cursor continues the filtered listing.
      const odd = await world.listRuns({ workflowName: "workflow//./w//odd", limit: 2 });
      expect(ids(odd)).toEqual(["p5", "p3"]);
      expect(
        ids(await world.listRuns({ workflowName: "workflow//./w//odd", cursor: odd.next! })),
      ).toEqual(["p1"]);
    });

    it("refuses a malformed cursor and a limit out of range, naming them", async () => {
      const world = await open();
      await expect(world.listRuns({ cursor: "not a cursor" })).rejects.toThrow(TypeError);
      await expect(world.listRuns({ cursor: "not a cursor" })).rejects.toThrow(/cursor/);
      await expect(world.listRuns({ limit: 0 })).rejects.toThrow(RangeError);
      await expect(world.listRuns({ limit: 1001 })).rejects.toThrow(/limit/);
    });
  });

  describe("prune", () => {
    it("deletes finished runs older than the cut with their streams and tokens, never unfinished ones", async () => {
      const world = await open();
      await world.append("old-done", [created(), hookCreated("h", "tok-old"), runCompleted]);
      await world.streams.append("old-done", "out", ["a", "b"], { close: true });
      await world.append("old-failed", [
        created(),
        { type: "run_failed", data: { error: { message: "no" } } },
      ]);
      await world.append("old-running", [created(), { type: "run_started", data: {} }]);
      await world.append("old-running", [hookCreated("h", "tok-live")]);
      await world.streams.append("old-running", "out", ["x"]);
      await sleep(5);
      const cut = Date.now();
      await sleep(5);
      await world.append("new-done", [created(), runCompleted]);

      expect(await world.prune({ finishedBefore: cut })).toEqual({ deleted: 2 });
      expect(await world.getRun("old-done")).toBeNull();
      expect(await world.getRun("old-failed")).toBeNull();
      expect(await world.readEvents("old-done")).toEqual([]);
      expect(await world.streams.list("old-done")).toEqual([]);
      expect(await world.streams.info("old-done", "out")).toEqual({ length: 0, closed: false });
      expect((await world.getRun("old-running"))?.status).toBe("running");
      expect(await world.streams.info("old-running", "out")).toMatchObject({ length: 1 });
      expect((await world.getHookByToken("tok-live"))?.runId).toBe("old-running");
      expect((await world.getRun("new-done"))?.status).toBe("completed");
      expect(ids(await world.listRuns())).toEqual(["new-done", "old-running"]);
      // The pruned run's token is free again.
      await world.append("again", [created(), hookCreated("h", "tok-old")]);
      expect((await world.getHookByToken("tok-old"))?.runId).toBe("again");
      expect(await world.prune({ finishedBefore: cut })).toEqual({ deleted: 0 });
    });

    it("deletes at most `limit` runs per call", async () => {
      const world = await open();
      for (let i = 0; i < 5; i++) await world.append(`d${i}`, [created(), runCompleted]);
      await sleep(2);
      expect(await world.prune({ finishedBefore: Date.now(), limit: 3 })).toEqual({ deleted: 3 });
      expect(await world.prune({ finishedBefore: Date.now(), limit: 3 })).toEqual({ deleted: 2 });
      expect((await world.listRuns()).runs).toEqual([]);
    });
  });

  describe("hook tokens", () => {
    it("stores a second live hook with a held token as hook_conflict naming the holder", async () => {
      const world = await open();
      await world.append("a", [created(), hookCreated("ha", "payment:1")]);
      await world.append("b", [created()]);
      const [stored] = await world.append("b", [hookCreated("hb", "payment:1")]);
      expect(stored).toMatchObject({
        type: "hook_conflict",
        correlationId: "hb",
        data: { token: "payment:1", conflictingRunId: "a" },
      });
      expect((await world.readEvents("b")).at(-1)?.type).toBe("hook_conflict");
      expect((await world.getRun("b"))!.hooks.get("hb")?.status).toBe("conflict");
      expect(await world.getHookByToken("payment:1")).toMatchObject({
        runId: "a",
        hookId: "ha",
        token: "payment:1",
        status: "active",
      });
      // The same run asking again conflicts too.
      const [again] = await world.append("a", [hookCreated("ha2", "payment:1")]);
      expect(again!.type).toBe("hook_conflict");
    });

    it("frees a token when its hook is disposed or its run ends", async () => {
      const world = await open();
      await world.append("a", [created(), hookCreated("h1", "t1"), hookCreated("h2", "t2")]);
      await world.append("a", [{ type: "hook_disposed", correlationId: "h1", data: {} }]);
      expect(await world.getHookByToken("t1")).toBeNull();
      expect(await world.getHookByToken("t2")).toMatchObject({ runId: "a" });

      await world.append("a", [runCompleted]);
      expect(await world.getHookByToken("t2")).toBeNull();
      expect((await world.getRun("a"))!.hooks.get("h2")?.status).toBe("disposed");

      const [taken] = await world
        .append("b", [created(), hookCreated("h", "t2")])
        .then((e) => e.slice(1));
      expect(taken!.type).toBe("hook_created");
      expect(await world.getHookByToken("t2")).toMatchObject({ runId: "b", hookId: "h" });
    });

    it("lets a batch reuse a token it released", async () => {
      const world = await open();
      await world.append("a", [created(), hookCreated("h1", "t")]);
      const stored = await world.append("a", [
        { type: "hook_disposed", correlationId: "h1", data: {} },
        hookCreated("h2", "t"),
      ]);
      expect(stored.map((e) => e.type)).toEqual(["hook_disposed", "hook_created"]);
      expect(await world.getHookByToken("t")).toMatchObject({ hookId: "h2" });
    });

    it("keeps exactly one holder when two runs race for a token", async () => {
      const world = await open();
      await Promise.all(["a", "b", "c"].map((id) => world.append(id, [created()])));
      const results = await Promise.all(
        ["a", "b", "c"].map((id) => world.append(id, [hookCreated(`h-${id}`, "shared")])),
      );
      const types = results.map(([e]) => e!.type).sort();
      expect(types).toEqual(["hook_conflict", "hook_conflict", "hook_created"]);
    });
  });

  describe("idempotency keys", () => {
    const keyed = (key: unknown, input = "[]"): NewEvent =>
      ({
        type: "run_created",
        data: { workflowName: "workflow//./w//flow", input, seed: "seed", idempotencyKey: key },
      }) as NewEvent;
    /** The run named by the IDEMPOTENCY_KEY_IN_USE error `promise` rejects with. */
    async function holderOf(promise: Promise<unknown>): Promise<string> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!WorldError.is(error, "IDEMPOTENCY_KEY_IN_USE"))
        throw new Error(`expected IDEMPOTENCY_KEY_IN_USE, got ${String(error)}`);
      return (error as WorldError & { runId: string }).runId;
    }

    it("refuses a second run with a key a retained run holds, whatever its state", async () => {
      const world = await open();
      await world.append("first", [keyed("order:1")]);
      expect((await world.getRun("first"))?.idempotencyKey).toBe("order:1");
      expect(await holderOf(world.append("second", [keyed("order:1")]))).toBe("first");
      expect(await world.getRun("second")).toBeNull();
      expect(await world.readEvents("second")).toEqual([]);
      await world.append("first", [{ type: "run_started", data: {} }, runCompleted]);
      expect(await holderOf(world.append("third", [keyed("order:1", '["other"]')]))).toBe("first");
      // A run that finishes in the batch that creates it holds its key too.
      await world.append("at-once", [keyed("order:2"), runCompleted]);
      expect(await holderOf(world.append("fourth", [keyed("order:2")]))).toBe("at-once");
      await world.append("other-key", [keyed("order:3")]);
      expect((await world.listRuns()).runs).toHaveLength(3);
    });

    it("makes exactly one run when appends race with one key", async () => {
      const world = await open();
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => world.append(`race-${i}`, [keyed("race")])),
      );
      const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [`race-${i}`] : []));
      expect(winners).toHaveLength(1);
      for (const r of results)
        if (r.status === "rejected")
          expect(await holderOf(Promise.reject(r.reason))).toBe(winners[0]);
      expect(ids(await world.listRuns())).toEqual(winners);
    });

    it("frees a key once prune deletes its run", async () => {
      const world = await open();
      await world.append("old", [keyed("reuse"), runCompleted]);
      await sleep(5);
      expect(await world.prune({ finishedBefore: Date.now() })).toEqual({ deleted: 1 });
      await world.append("new", [keyed("reuse")]);
      expect(await holderOf(world.append("newer", [keyed("reuse")]))).toBe("new");
    });

    it("refuses a malformed key with INVALID_EVENT", async () => {
      const world = await open();
      expect(await worldErrorCodeOf(world.append("r", [keyed(42)]))).toBe("INVALID_EVENT");
      expect(await worldErrorCodeOf(world.append("r", [keyed("")]))).toBe("INVALID_EVENT");
      expect(await worldErrorCodeOf(world.append("r", [keyed("k".repeat(257))]))).toBe(
        "INVALID_EVENT",
      );
      expect(await world.getRun("r")).toBeNull();
    });
  });

  describe("schedules", () => {
    const state = (id: string, cron = "* * * * *"): ScheduleState => ({
      id,
      workflowName: "workflow//./w//flow",
      cron,
      timezone: "UTC",
      input: "[]",
      overlap: "skip",
      paused: false,
      nextTickAt: 60_000,
      skippedTicks: 0,
      createdAt: 1,
      updatedAt: 1,
      version: 0,
    });

    it("stores schedules with a compare-and-set on their version", async () => {
      const world = await open();
      const store = world.schedules!;
      expect(await store.list()).toEqual([]);
      expect(await store.save(state("a"), null)).toBe(true);
      expect(await store.save(state("a", "0 * * * *"), null)).toBe(false); // exists
      expect(await store.get("a")).toMatchObject({ cron: "* * * * *", version: 1 });
      expect(await store.save({ ...state("a"), paused: true }, 1)).toBe(true);
      expect(await store.save({ ...state("a"), paused: false }, 1)).toBe(false); // stale
      expect(await store.get("a")).toMatchObject({ paused: true, version: 2 });
      await store.save(state("b"), null);
      expect((await store.list()).map((s) => s.id).sort()).toEqual(["a", "b"]);
      expect(await store.delete("a")).toBe(true);
      expect(await store.delete("a")).toBe(false);
      expect(await store.get("a")).toBeNull();
    });

    it("lets one of two racing saves from the same version win", async () => {
      const world = await open();
      const store = world.schedules!;
      await store.save(state("r"), null);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => store.save({ ...state("r"), skippedTicks: i }, 1)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.get("r"))?.version).toBe(2);
    });
  });

  describe("queue", () => {
    it("delivers every message, waits for a consumer, and redelivers after a throw, counting attempts", async () => {
      const world = await create();
      worlds.push(world);
      await world.queue.enqueue({ kind: "workflow", runId: "early" });
      await world.start();
      const seen: string[] = [];
      const attempts: number[] = [];
      let failures = 0;
      const done = new Promise<void>((resolve) => {
        world.queue.consume(async (message, delivery) => {
          seen.push(message.runId);
          attempts.push(delivery.attempt);
          if (message.runId === "flaky" && failures < 2) {
            failures++;
            throw new Error("handler failed");
          }
          if (seen.filter((id) => id === "flaky").length === 3) resolve();
        });
      });
      await world.queue.enqueue({ kind: "step", runId: "flaky", stepId: "s" });
      await done;
      expect(seen).toEqual(["early", "flaky", "flaky", "flaky"]);
      expect(attempts).toEqual([1, 1, 2, 3]);
    });

    it("dedupes by key while a message waits, and accepts the key again once delivered", async () => {
      const world = await open();
      const seen: QueueMessage[] = [];
      await world.queue.enqueue({ kind: "workflow", runId: "r" }, { key: "k" });
      await world.queue.enqueue({ kind: "workflow", runId: "dup" }, { key: "k" });
      await world.queue.enqueue({ kind: "workflow", runId: "other" }, { key: "k2" });
      let delivered!: () => void;
      const first = new Promise<void>((resolve) => (delivered = resolve));
      world.queue.consume(async (message) => {
        seen.push(message);
        if (seen.length === 2) delivered();
      });
      await first;
      await sleep(10 * unit);
      expect(seen.map((m) => m.runId)).toEqual(["r", "other"]);
      await world.queue.enqueue({ kind: "workflow", runId: "later" }, { key: "k" });
      await sleep(10 * unit);
      expect(seen.map((m) => m.runId)).toEqual(["r", "other", "later"]);
    });

    it("holds a delayed message back, and moves a keyed one earlier for an earlier duplicate", async () => {
      const world = await open();
      const at = new Map<string, number>();
      world.queue.consume(async (message) => void at.set(message.runId, Date.now()));
      const t0 = Date.now();
      await world.queue.enqueue({ kind: "workflow", runId: "late" }, { delayMs: 60 * unit });
      await world.queue.enqueue({ kind: "workflow", runId: "wake" }, { delayMs: 10_000, key: "w" });
      await world.queue.enqueue(
        { kind: "workflow", runId: "wake" },
        { delayMs: 20 * unit, key: "w" },
      );
      await sleep(30 * unit);
      expect(at.has("late")).toBe(false);
      expect(at.get("wake")).toBeGreaterThanOrEqual(t0 + 20 * unit);
      await sleep(60 * unit);
      expect(at.get("late")).toBeGreaterThanOrEqual(t0 + 60 * unit);
    });

    it("cancel drops a waiting message, delayed or due, and leaves others and later ones alone", async () => {
      const world = await create();
      worlds.push(world);
      await world.start();
      const seen: string[] = [];
      await world.queue.enqueue({ kind: "workflow", runId: "due" }, { key: "c-due" });
      await world.queue.enqueue(
        { kind: "workflow", runId: "delayed" },
        { key: "c-delayed", delayMs: 20 * unit },
      );
      await world.queue.enqueue({ kind: "workflow", runId: "kept" }, { key: "c-kept" });
      await world.queue.cancel("c-due");
      await world.queue.cancel("c-delayed");
      await world.queue.cancel("c-unknown");
      world.queue.consume(async (message) => void seen.push(message.runId));
      await sleep(60 * unit);
      expect(seen).toEqual(["kept"]);
      // The key is free again: a new message with it is delivered.
      await world.queue.enqueue({ kind: "workflow", runId: "again" }, { key: "c-delayed" });
      await sleep(20 * unit);
      expect(seen).toEqual(["kept", "again"]);
    });

    it("refuses what is not a message", async () => {
      const world = await open();
      await expect(
        world.queue.enqueue({ kind: "step", runId: "r" } as unknown as QueueMessage),
      ).rejects.toThrow(/Not a queue message/);
    });
  });

  it("waits for running handlers on close and then refuses appends", async () => {
    const world = await open();
    await world.append("r1", [created()]);
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    world.queue.consume(async () => {
      started();
      await sleep(30);
      await world.append("r1", [stepCreated("late")]);
      finished = true;
    });
    await world.queue.enqueue({ kind: "workflow", runId: "r1" });
    await running;
    await world.close();
    expect(finished).toBe(true);
    await expect(world.append("r1", [stepCreated("x")])).rejects.toThrow(/closed/);
  });
});
