/**
 * Errors for people (issue 3 items 1 and 4): a failed run's stack points at the user's file and
 * line, the API's typed errors, a workflow called directly, and what the sandbox refuses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun, start } from "../../runtime/api/index.js";
import {
  InvalidWorkflowError,
  WorkflowRunCancelledError,
  WorkflowRunNotFoundError,
} from "../../runtime/errors/index.js";
import {
  createTestEngine,
  ENGINE_MODES,
  importClientModule,
  ROOT,
  type TestEngine,
  workflow,
} from "./harness.js";
import { runFailureOf } from "../support/rejections.js";

/** `file:line:column` of the first occurrence of `text` in a test workflow file. */
function locate(file: string, text: string): string {
  const absolute = path.join(ROOT, "test", "workflows", file);
  const lines = readFileSync(absolute, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} not in ${file}`);
  return `${absolute}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

/** The `at ...` frames of a stack. */
const framesOf = (stack: string) =>
  stack
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .map((line) => line.trim());

const failing = (name: string) => workflow("failing", name);

describe.each(ENGINE_MODES)("errors ($mode)", ({ stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
  });
  afterAll(() => engine.close());

  it("a failed run's cause has a stack whose first frame is the user's line", async () => {
    const run = await engine.start(failing("failsInWorkflow"), [["a"]]);
    const error = await runFailureOf(run.returnValue);
    expect(error.runId).toBe(run.runId);
    expect(error.message).toContain("Need 3 items, got 1");
    const cause = error.cause as Error;
    expect(cause.name).toBe("TypeError");
    expect(cause.message).toBe("Need 3 items, got 1");
    const frames = framesOf(cause.stack!);
    expect(frames[0]).toBe(`at failsInWorkflow (${locate("failing.ts", "new TypeError")})`);
    expect(cause.stack).not.toMatch(/workflow-bundle|evalmachine|node_modules|sandbox/);
    expect(await run.status).toBe("failed");
  });

  it("a stack through an imported helper names both files", async () => {
    const run = await engine.start(failing("failsInHelper"), []);
    const cause = (await runFailureOf(run.returnValue)).cause as Error;
    const frames = framesOf(cause.stack!);
    expect(frames[0]).toBe(`at checkOrder (${locate("helpers.ts", "new Error")})`);
    expect(frames[1]).toBe(`at failsInHelper (${locate("failing.ts", "checkOrder({")})`);
    expect(cause.stack).not.toMatch(/workflow-bundle|evalmachine|node_modules/);
  });

  it("a step's uncaught error fails the run with a stack that starts in the step's file", async () => {
    const run = await engine.start(failing("failsInStep"), []);
    const error = await runFailureOf(run.returnValue);
    expect(error.message).toContain("Amount 500 is over the limit");
    const cause = error.cause as Error;
    expect(cause.name).toBe("FatalError");
    expect(framesOf(cause.stack!)[0]).toBe(
      `at chargeCard (${locate("failing.ts", "new FatalError")})`,
    );
    expect(cause.stack).not.toMatch(/node_modules|evalmachine/);
  });

  it("a step error's own code is kept (ECONNRESET), in the step's events and the run's error", async () => {
    const run = await engine.start(failing("failsWithOwnCode"), []);
    const error = await runFailureOf(run.returnValue);
    expect((error.cause as { code?: string }).code).toBe("ECONNRESET");
    const events = await engine.runtime.world.readEvents(run.runId);
    const codes = events
      .filter(
        (e) => e.type === "step_retrying" || e.type === "step_failed" || e.type === "run_failed",
      )
      .map((e) => [e.type, (e.data as { error: { code?: string } }).error.code]);
    expect(codes).toEqual([
      ["step_retrying", "ECONNRESET"],
      ["step_failed", "ECONNRESET"],
      ["run_failed", "ECONNRESET"],
    ]);
  });

  it("getRun() of an unknown ID rejects with WorkflowRunNotFoundError", async () => {
    const run = getRun("wrun_01M8QX000000000000000000", { runtime: engine.runtime });
    const status = await run.status.catch((e: unknown) => e);
    expect(WorkflowRunNotFoundError.is(status)).toBe(true);
    expect((status as Error).message).toContain("wrun_01M8QX000000000000000000");
    expect(WorkflowRunNotFoundError.is(await run.returnValue.catch((e: unknown) => e))).toBe(true);
  });

  it("getRun() of a known ID follows the run", async () => {
    const started = await engine.start(workflow("sleep", "sleepFor"), ["5ms"]);
    const run = getRun(started.runId, { runtime: engine.runtime });
    expect(await run.returnValue).toHaveProperty("after");
    expect(await run.status).toBe("completed");
  });

  it("run.cancel(): returnValue rejects with WorkflowRunCancelledError, status cancelled", async () => {
    const run = await engine.start(workflow("sleep", "sleepFor"), ["1h"]);
    await engine.waitForEvent(run.runId, (e) => e.type === "wait_created");
    await run.cancel();
    await run.cancel(); // idempotent
    const error = await run.returnValue.catch((e: unknown) => e);
    expect(WorkflowRunCancelledError.is(error)).toBe(true);
    expect((error as Error).message).toContain(run.runId);
    expect(await run.status).toBe("cancelled");
  });

  it("run.cancel() during a step: the step may finish, nothing new starts", async () => {
    const run = await engine.start(workflow("sleep", "twoSlowSteps"), []);
    await engine.waitForEvent(run.runId, (e) => e.type === "step_started");
    await run.cancel();
    expect(WorkflowRunCancelledError.is(await run.returnValue.catch((e: unknown) => e))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const events = await engine.events(run.runId);
    expect(events.filter((e) => e.type === "step_created")).toHaveLength(1);
    expect(events.at(-1)?.type).toMatch(/run_cancelled|step_completed/);
    expect(await run.status).toBe("cancelled");
  });

  it.each([
    [
      "usesSetTimeout",
      /setTimeout is not available in workflow functions.*sleep\(\) from "workflow"/,
    ],
    ["usesFetch", /fetch is not available in workflow functions.*use fetch from "workflow"/],
    ["usesRequire", /require is not available in workflow functions.*move that code into a step/],
    [
      "usesWeakRef",
      /WeakRef is not available in workflow functions. Garbage collection is not deterministic.*hold the object in a variable or a Map/,
    ],
    [
      "usesFinalizationRegistry",
      /FinalizationRegistry is not available in workflow functions. Garbage collection.*clean up explicitly/,
    ],
    [
      "usesSubtleSign",
      /crypto.subtle.sign is not available in workflow functions. Only crypto.subtle.digest.*call the other methods in a step/,
    ],
  ])("the sandbox refuses %s with a message that points to the fix", async (name, message) => {
    const run = await engine.start(failing(name), []);
    const cause = (await runFailureOf(run.returnValue)).cause as Error;
    expect(cause.message).toMatch(message);
    expect(framesOf(cause.stack!)).toContainEqual(
      expect.stringContaining(`at ${name} (${path.join(ROOT, "test", "workflows", "failing.ts")}:`),
    );
  });

  it("a workflow missing from its file fails the run, listing what the file has", async () => {
    const run = await engine.start(failing("renamedAway"), []);
    const cause = (await runFailureOf(run.returnValue)).cause as Error & { code?: string };
    expect(cause.code).toBe("WORKFLOW_NOT_REGISTERED");
    expect(cause.message).toMatch(/failing\/\/renamedAway" is not in the workflow bundle/);
    expect(cause.message).toContain("workflow//./test/workflows/failing//failsInWorkflow");
  });

  it("a workflow whose file is gone fails the run, naming the ID", async () => {
    const run = await engine.start(workflow("no-such-file", "flow"), []);
    const error = await runFailureOf(run.returnValue);
    expect(error.message).toContain(
      'Cannot find the file of workflow "workflow//./test/workflows/no-such-file//flow"',
    );
  });

  it("process in the sandbox is only a frozen env", async () => {
    const run = await engine.start(failing("usesProcess"), []);
    expect(await run.returnValue).toEqual({ env: "object", exit: "undefined" });
  });

  it("process.env in the sandbox holds NODE_ENV alone, whatever the host has", async () => {
    const run = await engine.start(failing("inspectsEnv"), []);
    const nodeEnv = process.env.NODE_ENV!;
    expect(nodeEnv).toBeDefined(); // vitest sets it
    expect(process.env.PATH).toBeDefined();
    expect(await run.returnValue).toEqual({
      nodeEnv,
      keys: ["NODE_ENV"],
      hasNodeEnv: true,
      hasPath: false,
      json: JSON.stringify({ NODE_ENV: nodeEnv }),
      spread: { NODE_ENV: nodeEnv },
    });
  });

  it("reading another variable in workflow code fails the run, naming it and the fix", async () => {
    process.env.WORKFLOW_TEST_SECRET = "s3cret";
    try {
      const run = await engine.start(failing("readsSecret"), []);
      const error = await runFailureOf(run.returnValue);
      const cause = error.cause as Error;
      expect(cause.message).toBe(
        "process.env.WORKFLOW_TEST_SECRET is not available in workflow functions. Workflow code sees only process.env.NODE_ENV, so that a replay (perhaps in another process) sees the same configuration without the run's log holding your secrets: read it in the step that uses it.",
      );
      expect(JSON.stringify(await engine.events(run.runId))).not.toContain("s3cret");
    } finally {
      delete process.env.WORKFLOW_TEST_SECRET;
    }
  });
});

describe("calling a workflow the wrong way", () => {
  it("a workflow called directly says to use start()", async () => {
    const client = await importClientModule<typeof import("../workflows/failing.js")>("failing");
    await expect(client.failsInWorkflow(["a"])).rejects.toThrow(
      /called directly.*use start\(failsInWorkflow, \[args\]\) from "workflow\/api"/,
    );
    expect((client.failsInWorkflow as { workflowId?: string }).workflowId).toBe(
      "workflow//./test/workflows/failing//failsInWorkflow",
    );
  });

  it("start() with a function that is not a workflow says what is missing", async () => {
    const engine = await createTestEngine({ stickyCacheSize: 0 });
    try {
      const error = await start(async () => 1, [], { runtime: engine.runtime }).catch(
        (e: unknown) => e,
      );
      expect(InvalidWorkflowError.is(error)).toBe(true);
      expect((error as Error).message).toMatch(/without a workflowId.*"use workflow"/);
    } finally {
      await engine.close();
    }
  });
});
