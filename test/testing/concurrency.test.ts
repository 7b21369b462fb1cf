/**
 * Concurrency limits under `workflow/testing`'s virtual clock: two week-long runs on one key with
 * limit 1 run one after the other, the second starting when the first ends, a week later.
 */
import { expect, it } from "vitest";
import { createTestRuntime } from "../../integrations/testing/index.js";
import { ROOT, workflow } from "./handles.js";

const DAY = 86_400_000;

it("runs the second run of a key with limit 1 once the first has ended, on the virtual clock", async () => {
  const runtime = await createTestRuntime({ root: ROOT });
  try {
    const trial = workflow<[string], { user: string; days: number }>(
      "long-running",
      "weekLongTrial",
    );
    const concurrency = { key: "trials", limit: 1 };
    const first = await runtime.start(trial, ["ada"], { concurrency });
    const second = await runtime.start(trial, ["bob"], { concurrency });
    expect(await second.returnValue).toEqual({ user: "bob", days: 7 });
    expect(await first.returnValue).toEqual({ user: "ada", days: 7 });
    const a = (await runtime.world.getRun(first.runId))!;
    const b = (await runtime.world.getRun(second.runId))!;
    expect(b.startedAt!).toBeGreaterThanOrEqual(a.completedAt!);
    expect(b.completedAt! - a.startedAt!).toBeGreaterThanOrEqual(14 * DAY);
  } finally {
    await runtime.close();
  }
});
