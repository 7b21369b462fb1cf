/**
 * Issue 3 item 2: an event the replay does not claim fails the run with a replay-divergence
 * error that says which event, never a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleSource } from "../../runtime/engine/context.js";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import {
  bundles,
  createTestEngine,
  ENGINE_MODES,
  ofType,
  stepId,
  type TestEngine,
  workflow,
} from "./harness.js";

async function divergenceOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(WorkflowRunFailedError.is(error)).toBe(true);
  const cause = (error as Error).cause as Error & { code?: string };
  expect(cause.name).toBe("ReplayDivergenceError");
  expect(cause.code).toBe("REPLAY_DIVERGENCE");
  return cause.message;
}

describe.each(ENGINE_MODES)("replay divergence ($mode)", ({ stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
  });
  afterAll(() => engine.close());

  it("a foreign step_created in the log fails the run, naming the event", async () => {
    const run = await engine.start(workflow("divergence", "waitsLong"), []);
    await engine.waitForEvent(run.runId, (e) => e.type === "wait_created");
    const [foreign] = await engine.runtime.append(run.runId, [
      {
        type: "step_created",
        correlationId: "step_01M8QX0000FOREIGN0000000",
        data: { stepName: stepId("divergence", "stepB"), input: '[{"args":1},[]]' },
      },
    ]);
    await engine.runtime.world.queue.enqueue({ kind: "workflow", runId: run.runId });
    const message = await divergenceOf(run.returnValue);
    expect(message).toContain(`diverged at event #${foreign!.index} (step_created)`);
    expect(message).toContain("step_01M8QX0000FOREIGN0000000");
    expect(await run.status).toBe("failed");
    // The step the tamperer created was never executed.
    expect(ofType(await engine.events(run.runId), "step_started")).toHaveLength(1);
  });
});

describe("replay divergence when the workflow changed between invocations", () => {
  // Every invocation replays (no sticky cache), so each one runs the workflow as it is now.
  let engine: TestEngine;
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize: 0 });
  });
  afterAll(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    return engine.close();
  });

  it.each([
    [
      "b",
      /the log has step ".*divergence\/\/stepA" there, but the workflow called ".*divergence\/\/stepB"/,
    ],
    ["none", /\(step_created\): the workflow made no step call with ID step_/],
  ])("calling %s instead of the recorded step fails the run", async (branch, detail) => {
    process.env.NODE_ENV = "a";
    const run = await engine.start(workflow("divergence", "dependsOnEnv"), []);
    await engine.waitForEvent(run.runId, (e) => e.type === "wait_created");
    process.env.NODE_ENV = branch;
    await engine.runtime.world.queue.enqueue({ kind: "workflow", runId: run.runId });
    expect(await divergenceOf(run.returnValue)).toMatch(detail);
  });
});

describe("replay divergence when the bundle changed between invocations", () => {
  // The workflow bundle of the next invocation calls stepB where the first one called stepA.
  let changed = false;
  const changing: BundleSource = {
    getStep: (name) => bundles.getStep(name),
    async getWorkflowBundle(name) {
      const bundle = await bundles.getWorkflowBundle(name);
      if (!changed) return bundle;
      const code = bundle.code.replaceAll(
        stepId("divergence", "stepA"),
        stepId("divergence", "stepB"),
      );
      return { ...bundle, code };
    },
  };
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize: 0, bundles: changing });
  });
  afterAll(() => engine.close());

  it("fails the run at the first event the new code does not make", async () => {
    const run = await engine.start(workflow("divergence", "waitsLong"), []);
    await engine.waitForEvent(run.runId, (e) => e.type === "wait_created");
    changed = true;
    await engine.runtime.world.queue.enqueue({ kind: "workflow", runId: run.runId });
    expect(await divergenceOf(run.returnValue)).toMatch(
      /diverged at event #2 \(step_created\): the log has step ".*\/\/stepA" there, but the workflow called ".*\/\/stepB"/,
    );
  });
});
