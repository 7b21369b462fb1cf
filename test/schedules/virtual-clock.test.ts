/**
 * Schedules under `workflow/testing`: `advance()` moves the virtual clock through each tick of
 * a schedule, so an hourly schedule advanced a day starts 24 runs at once, in virtual time.
 */
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../integrations/testing/index.js";
import { pauseSchedule, schedule, type WorkflowFunction } from "../../runtime/api/index.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const job = Object.assign(async () => undefined, {
  workflowId: "workflow//./jobs//job",
}) as WorkflowFunction;

let runtime: TestRuntime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

it("starts a run for every tick the virtual clock passes, and none while paused", async () => {
  runtime = await createTestRuntime({ root: FIXTURES });
  await schedule(job, { id: "hourly", cron: "0 * * * *", args: ["v"], runtime });
  const wall = performance.now();
  await runtime.advance("1d");
  const runs = (await runtime.world.listRuns({ limit: 100 })).runs;
  expect(runs).toHaveLength(24);
  expect(runs.every((run) => run.status === "completed")).toBe(true);
  expect(performance.now() - wall).toBeLessThan(30_000); // no real waiting for a day
  await pauseSchedule("hourly", { runtime });
  await runtime.advance("5h");
  expect((await runtime.world.listRuns({ limit: 100 })).runs).toHaveLength(24);
}, 60_000);
