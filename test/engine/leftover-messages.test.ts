/**
 * A run that ends leaves no message waiting in the queue: a cancelled run's sleep, a finished
 * run's deadline. Without this, the in-process queue held a timer per finished run until it
 * fired (a day, an hour), so memory grew with the runs that had ended, not the runs in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start } from "../../runtime/api/index.js";
import type { LocalQueue } from "../../runtime/worlds/index.js";
import { createTestEngine, type TestEngine, workflow } from "./harness.js";

let engine: TestEngine;
beforeAll(async () => {
  engine = await createTestEngine({ stickyCacheSize: 1000 });
});
afterAll(() => engine.close());

const queueSize = () => (engine.runtime.world.queue as LocalQueue).size;

describe("messages left by a run that ended", () => {
  it("a cancelled run's day-long sleep is dropped from the queue", async () => {
    const run = await engine.start(workflow("sleep", "sleepFor"), ["1d"]);
    await engine.waitForEvent(run.runId, (e) => e.type === "wait_created");
    await expect.poll(queueSize).toBe(1); // the wake-up, due in a day
    await run.cancel();
    await expect.poll(queueSize).toBe(0);
  });

  it("a run with a timeout that finishes in time leaves no deadline behind", async () => {
    const run = await start(workflow<[], boolean>("timeouts", "quickStep"), [], {
      runtime: engine.runtime,
      timeout: "1h",
    });
    expect(await run.returnValue).toBe(false);
    await expect.poll(queueSize).toBe(0);
  });
});
