/**
 * Issue 13 item 3: start(wf, args, { timeout }) on workflow/testing's virtual clock. A run still
 * going at its deadline fails with RunTimeoutError (RUN_TIMEOUT), visible to getRun; its sleeps
 * and hooks end as for a cancelled run; the deadline survives a crash (it is re-armed from the
 * log); a wrong timeout is refused at the call, naming the option.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../integrations/testing/index.js";
import { start } from "../../runtime/api/index.js";
import { RunTimeoutError } from "../../runtime/errors/index.js";
import { ROOT, workflow } from "./handles.js";
import { runFailureOf } from "../support/rejections.js";

const HOUR = 3_600_000;
const sleepsTwoHours = workflow<[], string>("deadlines", "sleepsTwoHours");
const waitsForApproval = workflow<[string], { ok: boolean }>("deadlines", "waitsForApproval");

let runtime: TestRuntime;
beforeEach(async () => {
  runtime = await createTestRuntime({ root: ROOT });
});
afterEach(() => runtime.close());

describe("start(..., { timeout })", () => {
  it("fails a run still going at its deadline with RUN_TIMEOUT, at the deadline exactly", async () => {
    const run = await runtime.start(sleepsTwoHours, [], { timeout: "1h" });
    const failure = await runFailureOf(run.returnValue);
    expect(failure.error).toMatchObject({ name: "RunTimeoutError", code: "RUN_TIMEOUT" });
    expect(failure.error.message).toContain(`Workflow run ${run.runId} timed out`);
    expect((failure.cause as { code?: string }).code).toBe("RUN_TIMEOUT");
    expect(RunTimeoutError.is(failure.cause)).toBe(true);
    expect(RunTimeoutError.is(failure)).toBe(false);

    // getRun() of another handle sees it too.
    const handle = runtime.getRun(run.runId);
    expect(await handle.status).toBe("failed");
    const events = await runtime.events(run);
    const created = events[0]!;
    const failed = events.find((e) => e.type === "run_failed")!;
    expect(created.type === "run_created" && created.data.timeoutMs).toBe(HOUR);
    expect(failed.createdAt - created.createdAt).toBe(HOUR);
    // The sleep never completed: the run ended first.
    expect(events.some((e) => e.type === "wait_completed")).toBe(false);
    expect(events.at(-1)!.type).toBe("run_failed");
  });

  it("releases a waiting hook, as cancelling the run does", async () => {
    const run = await runtime.start(waitsForApproval, ["r1"], { timeout: "30m" });
    await runtime.waitFor(run, "hook");
    expect(await runtime.getHookByToken("approval:r1")).not.toBeNull();
    const failure = await runFailureOf(run.returnValue);
    expect(failure.error.code).toBe("RUN_TIMEOUT");
    expect(await runtime.getHookByToken("approval:r1")).toBeNull();
  });

  it("leaves a run that ends in time alone", async () => {
    const run = await runtime.start(sleepsTwoHours, [], { timeout: "3h" });
    expect(await run.returnValue).toBe("woke");
    // The deadline message comes and finds the run over: nothing is added to its log.
    await runtime.advance("2h");
    const events = await runtime.events(run);
    expect(events.at(-1)!.type).toBe("run_completed");
  });

  it("survives a crash: the next process re-arms the deadline from the log", async () => {
    // Event 2 is wait_created: the process dies with the deadline's timer in its memory.
    const run = await runtime.start(sleepsTwoHours, [], {
      timeout: "1h",
      faults: { crashAtEvent: 2 },
    });
    const failure = await runFailureOf(run.returnValue);
    expect(runtime.crashes).toBe(1);
    expect(failure.error.code).toBe("RUN_TIMEOUT");
    const events = await runtime.events(run);
    expect(events.map((e) => e.type)).toEqual([
      "run_created",
      "run_started",
      "wait_created",
      "run_failed",
    ]);
    // At the deadline, not when the sleep would have woken the run (2h).
    expect(events[3]!.createdAt - events[0]!.createdAt).toBe(HOUR);
  });

  it.each([
    [-5, "-5"],
    [0, "0"],
    ["0s", '"0s"'],
    ["-1h", '"-1h"'],
    ["soon", '"soon"'],
    [Number.NaN, "NaN"],
    [true, "true"],
  ])("refuses timeout %j at the call, naming the option", async (timeout, shown) => {
    const error = await start(sleepsTwoHours, [], {
      runtime,
      timeout: timeout as string,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      `start(): options.timeout must be a positive duration ("30s", "1h") or milliseconds (60_000), got ${shown}`,
    );
    // Nothing was started.
    expect((await runtime.world.listRuns({})).runs).toEqual([]);
  });

  it("RunTimeoutError is exported with its code", () => {
    const error = new RunTimeoutError("wrun_1", 1000);
    expect(error.code).toBe("RUN_TIMEOUT");
    expect(RunTimeoutError.is(error)).toBe(true);
  });
});
