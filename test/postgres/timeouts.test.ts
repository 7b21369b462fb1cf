/**
 * Issue 13 item 3 on Postgres, two workers on one database: a run's timeout is a delayed
 * message in the shared queue, so when the worker that started the run goes away, the other
 * one fails the run at its deadline; a step's timeout fails its attempt on whichever worker
 * runs it; and the attempt of a worker killed with SIGKILL, once its lease and its deadline
 * have passed, is recorded as timed out by another worker rather than run again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun, start } from "../../runtime/api/index.js";
import { createPostgresWorld, type StoredEvent } from "../../runtime/worlds/index.js";
import {
  ensureBuilt,
  kill,
  readLines,
  startWorker,
  waitFor,
  type Worker,
} from "../crash/worker.js";
import { workflow } from "../engine/harness.js";
import { type PostgresWorkers, startPostgresWorkers } from "../security/postgres-workers.js";
import { startPostgres } from "../support/postgres.js";
import { runFailureOf } from "../support/rejections.js";

let workers: PostgresWorkers;
beforeAll(async () => {
  workers = await startPostgresWorkers("timeouts");
}, 120_000);
afterAll(() => workers?.close());

describe("timeouts on Postgres", () => {
  it("fails the run at its run timeout on the worker left, after the one that started it closed", async () => {
    const TIMEOUT_MS = 2000;
    const run = await start(workflow("timeouts", "sleepsAMinute"), [], {
      runtime: workers.a,
      timeout: TIMEOUT_MS,
    });
    let log: StoredEvent[] = [];
    await expect
      .poll(
        async () => {
          log = await workers.b.world.readEvents(run.runId);
          return log.some((e) => e.type === "wait_created");
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await workers.a.close();

    const failure = await runFailureOf(getRun(run.runId, { runtime: workers.b }).returnValue);
    expect(failure.error).toMatchObject({ name: "RunTimeoutError", code: "RUN_TIMEOUT" });
    expect(await getRun(run.runId, { runtime: workers.b }).status).toBe("failed");
    log = await workers.b.world.readEvents(run.runId);
    expect(log.map((e) => e.type)).toEqual([
      "run_created",
      "run_started",
      "wait_created",
      "run_failed",
    ]);
    const late = log[3]!.createdAt - (log[0]!.createdAt + TIMEOUT_MS);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(10_000);
  }, 60_000);

  it("fails a step attempt past its timeout with STEP_TIMEOUT", async () => {
    const run = await start(workflow("timeouts", "stubbornStep"), [], { runtime: workers.b });
    expect(await run.returnValue).toMatchObject({ code: "STEP_TIMEOUT" });
    const log = await workers.b.world.readEvents(run.runId);
    const started = log.find((e) => e.type === "step_started");
    expect(started?.type === "step_started" && started.data.deadline).toBeGreaterThan(
      started!.createdAt,
    );
  }, 60_000);
});

describe("a step attempt of a worker killed with SIGKILL (Postgres, real processes)", () => {
  const FIXTURES = path.join(import.meta.dirname, "../crash/timeout-fixtures");
  const workers: Worker[] = [];
  let tmp: string;
  let stop: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    ensureBuilt();
    const postgres = await startPostgres();
    url = await postgres.createDatabase("killed_attempt");
    tmp = await mkdtemp(path.join(tmpdir(), "wf-pg-timeout-"));
    stop = () => postgres.stop();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.splice(0).map((worker) => kill(worker)));
    await stop?.();
    await rm(tmp, { recursive: true, force: true });
  });

  const spawn = (script: string, env: Record<string, string>) => {
    const worker = startWorker(FIXTURES, script, {
      WORKFLOW_TARGET_WORLD: "postgres",
      WORKFLOW_POSTGRES_URL: url,
      // The dead worker's queue message and step lease run out quickly.
      WORKFLOW_POSTGRES_LEASE_MS: "1000",
      WORKFLOW_STEP_LEASE_MS: "1500",
      WORKFLOW_ROOT: FIXTURES,
      WORKFLOW_CACHE_DIR: path.join(tmp, "cache"),
      CRASH_LOG: path.join(tmp, "executions.log"),
      ...env,
    });
    workers.push(worker);
    return worker;
  };

  it("is timed out by the worker that takes it over, which goes on with attempt 2", async () => {
    const first = spawn("start.ts", { FLOW: "hangsOnce" });
    const runId = await waitFor(
      "the run ID",
      () => /^run (\S+)$/m.exec(first.stdout)?.[1],
      first,
      60_000,
    );
    await waitFor("attempt 1 to start", async () =>
      (await readLines(path.join(tmp, "executions.log"))).includes("start hang 1")
        ? true
        : undefined,
    );
    await kill(first);

    const second = spawn("outcome.ts", { RUN_ID: runId });
    expect(await second.exited, second.stderr).toBe(0);
    expect(second.stdout).toContain('result "done on attempt 2"');
    expect(await readLines(path.join(tmp, "executions.log"))).toEqual([
      "start hang 1",
      "start hang 2",
    ]);
    const world = createPostgresWorld({ connectionString: url });
    await world.start();
    try {
      const log = await world.readEvents(runId);
      const retry = log.find((e) => e.type === "step_retrying");
      expect(retry?.type === "step_retrying" && retry.data).toMatchObject({
        attempt: 1,
        error: { name: "StepTimeoutError", code: "STEP_TIMEOUT" },
      });
      // Recorded once the dead worker's lease had run out, past the attempt's deadline.
      const started = log.find((e) => e.type === "step_started");
      if (started?.type !== "step_started") throw new Error("no step_started");
      expect(retry!.createdAt).toBeGreaterThanOrEqual(started.data.deadline!);
      expect(retry!.createdAt).toBeGreaterThanOrEqual(started.data.leaseUntil!);
    } finally {
      await world.close();
    }
  }, 120_000);
});
