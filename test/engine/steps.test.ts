/**
 * Issue 3 item 4: retries (default 3 = 4 attempts, fn.maxRetries), RetryableError delays,
 * FatalError, steps called outside workflows, and steps passed into steps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import { add as plainAdd } from "../workflows/steps.js";
import {
  createTestEngine,
  ENGINE_MODES,
  importClientModule,
  ofType,
  stepId,
  type TestEngine,
  workflow,
} from "./harness.js";

const steps = (name: string) => workflow("steps", name);

describe("a step called outside any workflow", () => {
  it("runs as a plain function (source form)", async () => {
    expect(await plainAdd(2, 3)).toBe(5);
  });

  it("runs as a plain function (client form, as an app imports it)", async () => {
    const client = await importClientModule<typeof import("../workflows/steps.js")>("steps");
    expect(await client.add(2, 3)).toBe(5);
    expect((client.add as { stepId?: string }).stepId).toBe(stepId("steps", "add"));
  });
});

describe.each(ENGINE_MODES)("steps ($mode)", ({ stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize, retryDelayMs: 10 });
  });
  afterAll(() => engine.close());

  it("retries 3 times by default (4 attempts), then fails with a message", async () => {
    const run = await engine.start(steps("retriesExhausted"), []);
    expect(await run.returnValue).toEqual({
      message: `Step "${stepId("steps", "alwaysFails")}" failed after 3 retries: charge failed on attempt 4`,
      fatal: true,
    });
    const events = await engine.events(run.runId);
    expect(ofType(events, "step_started").map((e) => e.data.attempt)).toEqual([1, 2, 3, 4]);
    const retries = ofType(events, "step_retrying");
    expect(retries).toHaveLength(3);
    // A plain error is retried after the runtime's retryDelayMs (10 ms here).
    for (const retry of retries) {
      expect(retry.data.retryAfter - retry.createdAt).toBeLessThanOrEqual(10);
    }
    expect(ofType(events, "step_failed")).toHaveLength(1);
  });

  it("honours fn.maxRetries (1 retry; 0 = a single attempt)", async () => {
    const run = await engine.start(steps("maxRetries"), []);
    expect(await run.returnValue).toEqual([
      `Step "${stepId("steps", "failsWithOneRetry")}" failed after 1 retry: attempt 2`,
      `Step "${stepId("steps", "runsOnce")}" failed after 0 retries: no retries`,
    ]);
    const events = await engine.events(run.runId);
    const [first, second] = ofType(events, "step_created");
    expect(ofType(events, "step_started", first!.correlationId)).toHaveLength(2);
    expect(ofType(events, "step_started", second!.correlationId)).toHaveLength(1);
  });

  it.each(["string", "number", "date"] as const)(
    "RetryableError retryAfter as a %s delays the retry",
    async (kind) => {
      const run = await engine.start(steps("retryAfter"), [kind]);
      expect(await run.returnValue).toBe(2);
      const events = await engine.events(run.runId);
      const [retrying] = ofType(events, "step_retrying");
      const [, second] = ofType(events, "step_started");
      if (!retrying) throw new Error("no step_retrying");
      expect(retrying.data.error.message).toBe(`try again later (${kind})`);
      const delay = retrying.data.retryAfter - retrying.createdAt;
      expect(delay).toBeGreaterThan(50); // far more than the 10 ms of a plain error
      expect(delay).toBeLessThanOrEqual(150);
      expect(second!.createdAt).toBeGreaterThanOrEqual(retrying.data.retryAfter);
    },
  );

  it("a FatalError is not retried and the workflow catches it with FatalError.is", async () => {
    const run = await engine.start(steps("catchFatal"), []);
    expect(await run.returnValue).toEqual({
      caught: true,
      instance: true,
      message: "card declined",
    });
    const events = await engine.events(run.runId);
    expect(ofType(events, "step_started")).toHaveLength(1);
    expect(ofType(events, "step_retrying")).toHaveLength(0);
  });

  it("an uncaught FatalError fails the run", async () => {
    const run = await engine.start(steps("uncaughtFatal"), []);
    const error = await run.returnValue.catch((e: unknown) => e);
    expect(WorkflowRunFailedError.is(error)).toBe(true);
    expect((error as Error).message).toContain("card declined");
    expect(((error as Error).cause as Error).name).toBe("FatalError");
    expect(await run.status).toBe("failed");
  });

  it("a nested step receives the variables it captures, as of each call", async () => {
    const run = await engine.start(steps("nestedStep"), [5]);
    expect(await run.returnValue).toEqual(["total=6", "total=102", 100]);
  });

  it("a step passed as an argument into another step runs inline", async () => {
    const run = await engine.start(steps("stepAsArgument"), []);
    expect(await run.returnValue).toBe(40);
    const events = await engine.events(run.runId);
    expect(ofType(events, "step_created").map((e) => e.data.stepName)).toEqual([
      stepId("steps", "applyTwice"),
    ]);
    expect(ofType(events, "step_completed")).toHaveLength(1);
  });
});
