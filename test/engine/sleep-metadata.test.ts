/**
 * Issue 3 item 1: sleep in every form, getWorkflowMetadata() in a workflow and in a step,
 * getStepMetadata() across retries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestEngine,
  ENGINE_MODES,
  ofType,
  stepId,
  type TestEngine,
  workflow,
} from "./harness.js";

const sleepFor = workflow<[string | number], { before: number; after: number }>(
  "sleep",
  "sleepFor",
);
const sleepUntil = workflow<[number], { before: number; until: number; after: number }>(
  "sleep",
  "sleepUntil",
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe.each(ENGINE_MODES)("sleep and metadata ($mode)", ({ stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
  });
  afterAll(() => engine.close());

  it.each([
    ["100ms", 100],
    ["0.1s", 100],
    [60, 60],
  ] as const)("sleep(%j) waits that long, and the clock moves with it", async (duration, ms) => {
    const t0 = Date.now();
    const run = await engine.start(sleepFor, [duration]);
    const { before, after } = await run.returnValue;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(ms);
    const events = await engine.events(run.runId);
    const [created] = ofType(events, "wait_created");
    const [completed] = ofType(events, "wait_completed");
    expect(created!.data.resumeAt).toBe(before + ms);
    expect(completed!.createdAt).toBeGreaterThanOrEqual(before + ms);
    expect(after).toBe(completed!.createdAt);
  });

  it("sleep(date) waits until that Date", async () => {
    const run = await engine.start(sleepUntil, [80]);
    const { before, until, after } = await run.returnValue;
    expect(until).toBe(before + 80);
    const [created] = ofType(await engine.events(run.runId), "wait_created");
    expect(created!.data.resumeAt).toBe(until);
    expect(after).toBeGreaterThanOrEqual(until);
  });

  it.each([
    ["30s", 30_000],
    ["5m", 5 * MINUTE],
    ["2h", 2 * HOUR],
    ["1.5h", 1.5 * HOUR],
    ["1d", DAY],
    ["2w", 14 * DAY],
    ["3 days", 3 * DAY],
    [90 * MINUTE, 90 * MINUTE],
  ] as const)("sleep(%j) records a wait until start + %i ms", async (duration, ms) => {
    const run = await engine.start(sleepFor, [duration]);
    const created = await engine.waitForEvent(run.runId, (e) => e.type === "wait_created");
    const [started] = ofType(await engine.events(run.runId), "run_started");
    expect(created.type === "wait_created" && created.data.resumeAt).toBe(started!.createdAt + ms);
    expect(await run.status).toBe("running");
    await run.cancel();
    expect(await run.status).toBe("cancelled");
  });

  it("an invalid duration fails the run with a message that shows the accepted forms", async () => {
    const run = await engine.start(sleepFor, ["soon"]);
    await expect(run.returnValue).rejects.toThrow(/Invalid sleep duration "soon".*"100ms"/);
  });

  it("getWorkflowMetadata() and getStepMetadata() in a workflow and in steps", async () => {
    const run = await engine.start(workflow("sleep", "metadata"), []);
    const value = (await run.returnValue) as any;
    const events = await engine.events(run.runId);
    const startedAt = ofType(events, "run_started")[0]!.createdAt;

    expect(value.inWorkflow).toEqual({
      workflowRunId: run.runId,
      workflowName: "workflow//./test/workflows/sleep//metadata",
      workflowStartedAt: new Date(startedAt),
      url: "http://localhost:4321",
    });
    expect(value.inWorkflow.workflowStartedAt).toBeInstanceOf(Date);
    // A step sees the same workflow metadata.
    expect(value.inStep.workflow).toEqual(value.inWorkflow);

    const [readCreated, flakyCreated] = ofType(events, "step_created");
    expect(value.inStep.step).toEqual({
      stepId: readCreated!.correlationId,
      stepName: stepId("sleep", "readMetadata"),
      attempt: 1,
      stepStartedAt: new Date(
        ofType(events, "step_started", readCreated!.correlationId)[0]!.createdAt,
      ),
      // Were this attempt to fail: the engine's fixed delay (retryDelayMs, 10 ms here) from now.
      nextRetryAt: expect.any(Date),
    });
    const retryIn =
      value.inStep.step.nextRetryAt!.getTime() - value.inStep.step.stepStartedAt.getTime();
    expect(retryIn).toBeGreaterThanOrEqual(10);
    expect(retryIn).toBeLessThan(5_000);
    expect(value.inStep.step).not.toHaveProperty("workflowRunId");
    expect(value.inWorkflow).not.toHaveProperty("stepId");

    // Across retries: the same stepId, attempts 1, 2, 3, and the first attempt's start time.
    const flakyId = flakyCreated!.correlationId!;
    const firstStart = ofType(events, "step_started", flakyId)[0]!.createdAt;
    expect(value.flaky.stepId).toBe(flakyId);
    expect(value.flaky.attempts).toEqual(
      [1, 2, 3].map((attempt) => ({
        attempt,
        stepStartedAt: new Date(firstStart).toISOString(),
      })),
    );
  });
});
