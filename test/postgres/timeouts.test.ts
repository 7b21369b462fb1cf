/**
 * Issue 13 item 3 on Postgres, two workers on one database: a run's timeout is a delayed
 * message in the shared queue, so when the worker that started the run goes away, the other
 * one fails the run at its deadline; a step's timeout fails its attempt on whichever worker
 * runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun, start } from "../../runtime/api/index.js";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import type { StoredEvent } from "../../runtime/worlds/index.js";
import { workflow } from "../engine/harness.js";
import { type PostgresWorkers, startPostgresWorkers } from "../security/postgres-workers.js";

let workers: PostgresWorkers;
beforeAll(async () => {
  workers = await startPostgresWorkers("timeouts");
}, 120_000);
afterAll(() => workers?.close());

async function failureOf(value: Promise<unknown>): Promise<WorkflowRunFailedError> {
  const error = await value.then(
    () => new Error("expected the run to fail"),
    (e: unknown) => e,
  );
  expect(WorkflowRunFailedError.is(error), String(error)).toBe(true);
  return error as WorkflowRunFailedError;
}

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

    const failure = await failureOf(getRun(run.runId, { runtime: workers.b }).returnValue);
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
