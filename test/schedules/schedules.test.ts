/**
 * Schedules on every world, with the engine's clock injected (the ticker reads it) and ticks
 * driven by `runtime.tickSchedules()`: one run per tick, one catch-up run after downtime, pause
 * and resume, the three overlap modes, and clear errors for wrong options.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import {
  defineSchedule,
  getRun,
  pauseSchedule,
  resumeSchedule,
  schedule,
  listSchedules,
  unschedule,
  type WorkflowFunction,
} from "../../runtime/api/index.js";
import { type AppRuntime as Runtime, createRuntime } from "../../runtime/app/app-runtime.js";
import {
  createFileWorld,
  createMemoryWorld,
  createPostgresWorld,
} from "../../runtime/worlds/index.js";
import type { World } from "../../runtime/worlds/shared/world.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const bundles = createBundleSource({
  root: FIXTURES,
  cacheDir: path.join(tmpdir(), "wf-schedules-cache"),
});
const handle = (name: string) =>
  Object.assign(async () => undefined, {
    workflowId: `workflow//./jobs//${name}`,
  }) as WorkflowFunction;
const job = handle("job");
const hold = handle("hold");

const at = (iso: string) => Date.parse(iso);
/** A clock the test moves. */
class TestClock {
  t = at("2026-03-01T10:02:00Z");
  now = () => this.t;
}

let postgres: PostgresServer;
let schemas = 0;
const dirs: string[] = [];
const runtimes: Runtime[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());
afterEach(async () => {
  await Promise.allSettled(runtimes.splice(0).map((runtime) => runtime.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs started by schedule `id`, oldest tick first: [tick ISO, runId]. */
async function runsOf(runtime: Runtime, id: string): Promise<Array<[string, string]>> {
  const runs: Array<[string, string]> = [];
  for (const summary of (await runtime.world.listRuns({ limit: 1000 })).runs) {
    const key = summary.idempotencyKey ?? "";
    const prefix = `schedule:${id}:`;
    if (key.startsWith(prefix))
      runs.push([new Date(Number(key.slice(prefix.length))).toISOString(), summary.runId]);
  }
  return runs.sort(([a], [b]) => a.localeCompare(b));
}

const backends: Array<{ name: string; world: (dir?: string) => Promise<World> }> = [
  { name: "memory", world: async () => createMemoryWorld() },
  {
    name: "file",
    world: async (dir?: string) => {
      if (!dir) {
        dir = await mkdtemp(path.join(tmpdir(), "wf-sched-"));
        dirs.push(dir);
      }
      return createFileWorld({ dir });
    },
  },
  {
    name: "postgres",
    world: async () =>
      createPostgresWorld({ connectionString: postgres.url, schema: `sched_${++schemas}` }),
  },
];

describe.each(backends)("schedules, $name world", ({ world }) => {
  async function runtime(clock: TestClock, w?: World): Promise<Runtime> {
    const rt = createRuntime({
      world: w ?? (await world()),
      bundles,
      clock,
      schedulePollMs: 3_600_000, // the test ticks
    });
    runtimes.push(rt);
    await rt.start();
    return rt;
  }

  it("starts one run per tick, and one catch-up run for the latest tick missed", async () => {
    const clock = new TestClock();
    const rt = await runtime(clock);
    const stored = await schedule(job, { cron: "*/5 * * * *", args: ["x"], runtime: rt });
    expect(stored).toMatchObject({
      id: "workflow//./jobs//job",
      overlap: "skip",
      paused: false,
      timezone: "UTC",
      nextTickAt: at("2026-03-01T10:05:00Z"),
    });
    await rt.tickSchedules();
    expect(await runsOf(rt, stored.id)).toEqual([]);
    clock.t = at("2026-03-01T10:05:00Z");
    await rt.tickSchedules();
    await rt.tickSchedules();
    const first = await runsOf(rt, stored.id);
    expect(first.map(([tick]) => tick)).toEqual(["2026-03-01T10:05:00.000Z"]);
    expect(await getRun(first[0]![1], { runtime: rt }).returnValue).toBe("done x");

    clock.t = at("2026-03-01T10:31:00Z"); // down for five ticks
    await rt.tickSchedules();
    expect((await runsOf(rt, stored.id)).map(([tick]) => tick)).toEqual([
      "2026-03-01T10:05:00.000Z",
      "2026-03-01T10:30:00.000Z",
    ]);
    const [after] = await listSchedules({ runtime: rt });
    expect(after).toMatchObject({
      lastTickAt: at("2026-03-01T10:30:00Z"),
      nextTickAt: at("2026-03-01T10:35:00Z"),
    });
  }, 30_000);

  it("starts nothing while paused, and resumes from the next tick", async () => {
    const clock = new TestClock();
    const rt = await runtime(clock);
    await schedule(job, { id: "p", cron: "*/5 * * * *", runtime: rt });
    expect((await pauseSchedule("p", { runtime: rt })).paused).toBe(true);
    clock.t = at("2026-03-01T10:21:00Z");
    await rt.tickSchedules();
    expect(await runsOf(rt, "p")).toEqual([]);
    const resumed = await resumeSchedule("p", { runtime: rt });
    expect(resumed).toMatchObject({ paused: false, nextTickAt: at("2026-03-01T10:25:00Z") });
    await rt.tickSchedules();
    expect(await runsOf(rt, "p")).toEqual([]); // the ticks missed while paused are not run
    clock.t = at("2026-03-01T10:25:00Z");
    await rt.tickSchedules();
    expect((await runsOf(rt, "p")).map(([tick]) => tick)).toEqual(["2026-03-01T10:25:00.000Z"]);
    await unschedule("p", { runtime: rt });
    expect(await listSchedules({ runtime: rt })).toEqual([]);
    await expect(pauseSchedule("p", { runtime: rt })).rejects.toMatchObject({
      code: "SCHEDULE_NOT_FOUND",
    });
  }, 30_000);

  it("updates a schedule scheduled again with its ID, and keeps an unchanged one as it is", async () => {
    const clock = new TestClock();
    const rt = await runtime(clock);
    const first = await schedule(job, { id: "u", cron: "*/5 * * * *", runtime: rt });
    clock.t = at("2026-03-01T10:03:00Z");
    expect(await schedule(job, { id: "u", cron: "*/5 * * * *", runtime: rt })).toEqual(first);
    const changed = await schedule(job, {
      id: "u",
      cron: "0 12 * * *",
      timezone: "Asia/Tokyo",
      overlap: "queue",
      runtime: rt,
    });
    expect(changed).toMatchObject({
      cron: "0 12 * * *",
      overlap: "queue",
      nextTickAt: at("2026-03-02T03:00:00Z"),
      createdAt: first.createdAt,
      version: first.version + 1,
    });
    expect(
      await schedule(job, {
        id: "u",
        cron: "0 12 * * *",
        timezone: "Asia/Tokyo",
        overlap: "queue",
        paused: true,
        runtime: rt,
      }),
    ).toMatchObject({ paused: true, nextTickAt: changed.nextTickAt });
    expect(await listSchedules({ runtime: rt })).toHaveLength(1);
  }, 30_000);

  it("starts a claimed tick whose worker died before it recorded the run, once", async () => {
    const clock = new TestClock();
    const rt = await runtime(clock);
    const stored = await schedule(job, { id: "c", cron: "*/5 * * * *", runtime: rt });
    // A worker claimed the 10:05 tick (and moved the schedule on), then died.
    const claimed = { ...stored, startingTickAt: at("2026-03-01T10:05:00Z") };
    claimed.nextTickAt = at("2026-03-01T10:10:00Z");
    expect(await rt.world.schedules!.save(claimed, stored.version)).toBe(true);
    clock.t = at("2026-03-01T10:06:00Z");
    await rt.tickSchedules();
    await rt.tickSchedules();
    const runs = await runsOf(rt, "c");
    expect(runs.map(([tick]) => tick)).toEqual(["2026-03-01T10:05:00.000Z"]);
    const [after] = await listSchedules({ runtime: rt });
    expect(after?.startingTickAt).toBeUndefined();
    expect(after).toMatchObject({ lastRunId: runs[0]![1], lastTickAt: at("2026-03-01T10:05:00Z") });
  }, 30_000);

  it.each([
    ["skip", ["2026-03-01T10:05:00.000Z"]],
    ["allow", ["2026-03-01T10:05:00.000Z", "2026-03-01T10:10:00.000Z", "2026-03-01T10:15:00.000Z"]],
    ["queue", ["2026-03-01T10:05:00.000Z", "2026-03-01T10:15:00.000Z"]],
  ] as const)(
    "overlap %s",
    async (overlap, expected) => {
      const clock = new TestClock();
      const rt = await runtime(clock);
      await schedule(hold, { id: "o", cron: "*/5 * * * *", overlap, runtime: rt });
      for (const time of ["10:05", "10:10", "10:15"]) {
        clock.t = at(`2026-03-01T${time}:00Z`);
        await rt.tickSchedules();
      }
      const [state] = await listSchedules({ runtime: rt });
      if (overlap === "skip") expect(state).toMatchObject({ skippedTicks: 2 });
      if (overlap === "queue") expect(state?.queuedTickAt).toBe(at("2026-03-01T10:15:00Z"));
      // The first run ends: a queued tick starts now (at most one was kept).
      await getRun((await runsOf(rt, "o"))[0]![1], { runtime: rt }).cancel();
      await rt.tickSchedules();
      expect((await runsOf(rt, "o")).map(([tick]) => tick)).toEqual(expected);
      for (const [, runId] of await runsOf(rt, "o")) await getRun(runId, { runtime: rt }).cancel();
    },
    30_000,
  );
});

describe("schedules across processes", () => {
  it("file world: after a restart and downtime, one catch-up run", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wf-sched-restart-"));
    dirs.push(dir);
    const clock = new TestClock();
    const options = { bundles, clock, schedulePollMs: 3_600_000 };
    const first = createRuntime({ world: createFileWorld({ dir }), ...options });
    await first.start();
    await schedule(job, { id: "r", cron: "0 * * * *", runtime: first });
    clock.t = at("2026-03-01T11:00:00Z");
    await first.tickSchedules();
    // Ended before the downtime (overlap "skip" would skip the catch-up beside a running run).
    await getRun((await runsOf(first, "r"))[0]![1], { runtime: first }).returnValue;
    await first.close();

    clock.t = at("2026-03-02T09:30:00Z"); // down for 22 ticks
    const second = createRuntime({ world: createFileWorld({ dir }), ...options });
    runtimes.push(second);
    await second.start();
    await second.tickSchedules();
    await second.tickSchedules();
    expect((await runsOf(second, "r")).map(([tick]) => tick)).toEqual([
      "2026-03-01T11:00:00.000Z",
      "2026-03-02T09:00:00.000Z",
    ]);
  }, 30_000);

  it("registers createRuntime({ schedules }) at start, unchanged by a restart; the ticker polls", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wf-sched-declared-"));
    dirs.push(dir);
    const clock = new TestClock();
    const schedules = [defineSchedule(job, { id: "d", cron: "*/5 * * * *", args: ["d"] })];
    const first = createRuntime({ world: createFileWorld({ dir }), bundles, clock, schedules });
    await first.start();
    const [registered] = await listSchedules({ runtime: first });
    expect(registered).toMatchObject({ id: "d", nextTickAt: at("2026-03-01T10:05:00Z") });
    await first.close();

    clock.t = at("2026-03-01T10:03:00Z");
    const second = createRuntime({
      world: createFileWorld({ dir }),
      bundles,
      clock,
      schedules,
      schedulePollMs: 20,
    });
    runtimes.push(second);
    await second.start();
    expect(await listSchedules({ runtime: second })).toEqual([registered]);
    clock.t = at("2026-03-01T10:05:00Z");
    await expect.poll(async () => (await runsOf(second, "d")).length).toBe(1);
  }, 30_000);

  it("Postgres: two workers ticking at once start each tick's run once", async () => {
    const url = await postgres.createDatabase("sched_workers");
    const clock = new TestClock();
    const worker = async () => {
      const rt = createRuntime({
        world: createPostgresWorld({ connectionString: url }),
        bundles,
        clock,
        schedulePollMs: 3_600_000,
      });
      runtimes.push(rt);
      await rt.start();
      return rt;
    };
    const [a, b] = [await worker(), await worker()];
    await schedule(job, { id: "w", cron: "* * * * *", overlap: "allow", runtime: a });
    const N = 8;
    for (let i = 1; i <= N; i++) {
      clock.t = at("2026-03-01T10:02:00Z") + i * 60_000;
      await Promise.all([a.tickSchedules(), b.tickSchedules(), a.tickSchedules()]);
    }
    const runs = await runsOf(a, "w");
    expect(runs).toHaveLength(N);
    expect(new Set(runs.map(([tick]) => tick)).size).toBe(N);
  }, 60_000);
});

describe("schedule() refuses wrong options at the call", () => {
  it.each([
    [
      { cron: "*/5 * * *" },
      'schedule(): options.cron "*/5 * * *" has 4 fields, expected 5 (minute hour day-of-month month day-of-week)',
    ],
    [
      { cron: "*/5 * * * *", overlap: "never" },
      'schedule(): options.overlap must be "skip", "allow" or "queue", got "never"',
    ],
    [
      { cron: "*/5 * * * *", timezone: "Mars/Olympus" },
      'schedule(): options.timezone must be an IANA time zone such as "UTC" or "Europe/Paris", got "Mars/Olympus"',
    ],
    [
      { cron: "0 0 30 2 *" },
      'schedule(): options.cron "0 0 30 2 *" never fires (no date in the next 8 years matches it)',
    ],
    [
      { cron: 5 },
      'schedule(): options.cron must be a cron expression string such as "*/5 * * * *", got number',
    ],
  ])("%j", async (options, message) => {
    // No runtime is needed to refuse them.
    await expect(schedule(job, options as never)).rejects.toThrow(new TypeError(message));
  });
});
