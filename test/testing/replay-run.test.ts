/**
 * replayRun: a log recorded by a real run, replayed against the code of now. The same code is
 * deterministic; a change that reorders the steps is reported at the first diverging event,
 * with what the log has, what the code does, and a code frame of the call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestRuntime,
  exportRun,
  replayRun,
  type RunExport,
  type TestRuntime,
} from "../../integrations/testing/index.js";
import { ROOT, workflow } from "./handles.js";

const ship = workflow<[string], unknown>("replay", "ship");
const shipChargeFirst = workflow<[string], unknown>("replay", "shipChargeFirst");

let runtime: TestRuntime;
let recorded: RunExport;
beforeAll(async () => {
  runtime = await createTestRuntime({ root: ROOT });
  const run = await runtime.start(ship, ["o7"]);
  await run.returnValue;
  // What a fixture file holds: the raw log, as JSON.
  recorded = JSON.parse(JSON.stringify(await exportRun(runtime.world, run.runId))) as RunExport;
});
afterAll(() => runtime.close());

describe("replayRun", () => {
  it("reports the same code as deterministic", async () => {
    const report = await replayRun(recorded, ship, { root: ROOT });
    expect(report).toEqual({ deterministic: true, events: recorded.events.length });
    // The workflow defaults to the one the log names.
    expect((await replayRun(recorded.events, undefined, { root: ROOT })).deterministic).toBe(true);
  });

  it("reports the first diverging event of changed code, with a code frame", async () => {
    const report = await replayRun(recorded, shipChargeFirst, { root: ROOT });
    expect(report.deterministic).toBe(false);
    if (report.deterministic) return;
    const firstStep = recorded.events.find((e) => e.type === "step_created")!;
    expect(report.event).toEqual({ index: firstStep.index, type: "step_created" });
    expect(report.expected).toMatch(/^step validate/);
    expect(report.actual).toBe("a call of step charge");
    expect(report.callSite).toMatch(/test\/testing\/workflows\/replay\.ts:\d+:\d+$/);
    expect(report.frame).toContain("await charge(orderId)");
  });

  it("refuses a log that is not a raw export", async () => {
    await expect(replayRun([], ship, { root: ROOT })).rejects.toMatchObject({
      code: "REPLAY_INPUT_INVALID",
    });
  });
});
