/** The built-in invariants of simulate(), on logs and calls a broken engine could produce. */
import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../worlds/shared/events.js";
import { foldEvents } from "../worlds/shared/state/apply.js";
import { checkCompletedOnce, checkEnded, checkSameOutcome } from "./invariants.js";
import type { StepCall } from "./step-mocks.js";

const STEP = "step//./src/pay//charge";
let index = 0;
const at = (event: Omit<StoredEvent, "runId" | "index" | "createdAt">): StoredEvent =>
  ({ ...event, runId: "wrun_1", index: index++, createdAt: 1000 + index }) as StoredEvent;
const call = (attempt: number, correlationId = "step_1"): StepCall => ({
  stepName: STEP,
  correlationId,
  args: [],
  attempt,
  runId: "wrun_1",
  result: "ok",
});

function log(): StoredEvent[] {
  index = 0;
  return [
    at({ type: "run_created", data: { workflowName: "workflow//./w//f", input: "[]", seed: "s" } }),
    at({ type: "run_started", data: {} }),
    at({ type: "step_created", correlationId: "step_1", data: { stepName: STEP, input: "[]" } }),
    at({ type: "step_started", correlationId: "step_1", data: { attempt: 1 } }),
    at({
      type: "step_retrying",
      correlationId: "step_1",
      data: { error: { message: "x" }, retryAfter: 0 },
    }),
    at({ type: "step_started", correlationId: "step_1", data: { attempt: 2 } }),
    at({ type: "step_completed", correlationId: "step_1", data: { result: '["ok"]' } }),
  ];
}

describe("built-in invariants", () => {
  it("accepts retries before the completion", () => {
    expect(checkCompletedOnce(log(), [call(1), call(2)])).toEqual([]);
  });

  it("reports an attempt after the completion, and an attempt run twice", () => {
    expect(checkCompletedOnce(log(), [call(1), call(2), call(3)])).toEqual([
      "step charge (step_1) ran again after it completed: attempt 3 after attempt 2 completed",
    ]);
    expect(checkCompletedOnce(log(), [call(1), call(2), call(2)])).toEqual([
      "attempt 2 of step charge (step_1) ran twice",
    ]);
  });

  it("reports a run that did not end, with what it waits on", () => {
    const events = log().slice(0, 4);
    expect(checkEnded(foldEvents(events), "nothing else can happen")).toEqual([
      "the run did not end (nothing else can happen): it waits on step charge (running)",
    ]);
  });

  it("compares outcomes deeply", () => {
    const a = { status: "completed" as const, value: { n: 1 } };
    expect(checkSameOutcome({ ...a, value: { n: 1 } }, a, "s:0")).toEqual([]);
    expect(checkSameOutcome({ ...a, value: { n: 2 } }, a, "s:0")).toEqual([
      "the run returned { n: 2 }, but under schedule s:0 it returned { n: 1 } (if the workflow races on purpose, pass races: true)",
    ]);
  });
});
