/** `wf inspect events`: what a step attempt's deadline and a retry's delay look like. */
import { describe, expect, it } from "vitest";
import { createMemoryWorld } from "../../runtime/worlds/index.js";
import { formatTime } from "./time.js";
import { showEvents } from "./views.js";

describe("showEvents", () => {
  it("shows an attempt's deadline and each retry's delay and its source", async () => {
    const world = createMemoryWorld();
    await world.start();
    try {
      const runId = "wrun_views";
      const step = { correlationId: "step_1" };
      await world.append(runId, [
        { type: "run_created", data: { workflowName: "wf", input: "[[]]", seed: "s" } },
        { type: "run_started", data: {} },
        { type: "step_created", ...step, data: { stepName: "charge", input: "[{}]" } },
      ]);
      const [started] = await world.append(runId, [
        { type: "step_started", ...step, data: { attempt: 1, deadline: Date.now() + 30_000 } },
      ]);
      const error = { message: "busy", name: "Error" };
      const retryAfter = Date.now() + 7_200_000;
      await world.append(runId, [
        {
          type: "step_retrying",
          ...step,
          data: { error, retryAfter, attempt: 1, delayMs: 7_200_000, delayFrom: "policy" },
        },
      ]);
      let out = "";
      await showEvents(world, runId, { stdout: (t) => (out += t), json: false, columns: 400 });
      const deadline = (started!.data as { deadline: number }).deadline;
      expect(out).toContain(`attempt 1, times out at ${formatTime(deadline)}`);
      expect(out).toContain(`busy; again at ${formatTime(retryAfter)} (in 2h 00m, retry policy)`);
    } finally {
      await world.close();
    }
  });
});
