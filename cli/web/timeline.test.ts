import { describe, expect, it } from "vitest";
import type { NewEvent, StoredEvent } from "../../runtime/worlds/index.js";
import { timelineOf } from "./timeline.js";

/** A log from `[ms, event]` pairs, with indexes in order. */
function log(...entries: Array<[number, NewEvent]>): StoredEvent[] {
  return entries.map(([createdAt, event], index) => ({
    ...event,
    runId: "wrun_t",
    index,
    createdAt,
  }));
}

const error = { message: "busy", name: "Error" };

describe("timelineOf", () => {
  it("gives each step a lane in the order they were made, one span per attempt", () => {
    const lanes = timelineOf(
      log(
        [
          0,
          {
            type: "run_created",
            data: { workflowName: "workflow//./a//f", input: "[]", seed: "s" },
          },
        ],
        [
          1,
          {
            type: "step_created",
            correlationId: "s1",
            data: { stepName: "step//./a//first", input: "[]" },
          },
        ],
        [
          2,
          {
            type: "step_created",
            correlationId: "s2",
            data: { stepName: "step//./a//second", input: "[]" },
          },
        ],
        [3, { type: "step_started", correlationId: "s2", data: { attempt: 1 } }],
        [4, { type: "step_started", correlationId: "s1", data: { attempt: 1 } }],
        [5, { type: "step_retrying", correlationId: "s1", data: { error, retryAfter: 9 } }],
        [6, { type: "step_completed", correlationId: "s2", data: { result: "1" } }],
        [9, { type: "step_started", correlationId: "s1", data: { attempt: 2 } }],
        [12, { type: "step_failed", correlationId: "s1", data: { error } }],
      ),
    );
    expect(lanes.map((l) => [l.kind, l.name])).toEqual([
      ["step", "first"],
      ["step", "second"],
    ]);
    expect(lanes[0]!.spans).toEqual([
      { start: 4, end: 5, outcome: "retrying", label: "attempt 1", error },
      { start: 9, end: 12, outcome: "failed", label: "attempt 2", error },
    ]);
    expect(lanes[1]!.spans).toEqual([
      { start: 3, end: 6, outcome: "completed", label: "attempt 1" },
    ]);
  });

  it("shows a hook waiting for each payload, and sleeps and hooks that the run's end stopped", () => {
    const lanes = timelineOf(
      log(
        [
          0,
          {
            type: "run_created",
            data: { workflowName: "workflow//./a//f", input: "[]", seed: "s" },
          },
        ],
        [1, { type: "hook_created", correlationId: "h1", data: { token: "tok" } }],
        [5, { type: "hook_received", correlationId: "h1", data: { payload: "[1]" } }],
        [6, { type: "wait_created", correlationId: "w1", data: { resumeAt: 100 } }],
        [8, { type: "run_cancelled", data: {} }],
      ),
    );
    expect(lanes.map((l) => l.kind)).toEqual(["hook", "sleep"]);
    expect(lanes[0]!.spans.map((s) => [s.start, s.end, s.outcome])).toEqual([
      [1, 5, "received"],
      [5, 8, "disposed"],
    ]);
    expect(lanes[1]!.spans.map((s) => [s.start, s.end, s.outcome])).toEqual([[6, 8, "disposed"]]);
  });
});
