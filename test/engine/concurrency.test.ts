/**
 * Issue 13 item 5 through the engine: `start(wf, args, { concurrency })` and a workflow's own
 * `concurrency` default. Runs over the limit are created `pending` and do not start; they start
 * in creation order as slots free (a run that completes, fails or is cancelled frees its slot);
 * a cancelled waiting run leaves the line; bad options fail at the call, naming the option.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeActions } from "../../cli/web/actions.js";
import { getRun, resumeHook } from "../../runtime/api/index.js";
import type { Run } from "../../runtime/api/run.js";
import { createTestEngine, ENGINE_MODES, type TestEngine, workflow } from "./harness.js";

const marks = () => ((globalThis as { __concurrencyMarks?: string[] }).__concurrencyMarks ??= []);
const started = () =>
  marks()
    .filter((m) => m.startsWith("start "))
    .map((m) => m.slice(6));

describe.each(ENGINE_MODES)("concurrency limits ($mode)", ({ stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
  });
  afterAll(() => engine.close());

  const gated = workflow<[string], string>("concurrency", "gated");

  async function startGated(label: string, concurrency: { key?: string; limit: number }) {
    return (await import("../../runtime/api/index.js")).start(gated, [label], {
      runtime: engine.runtime,
      concurrency,
    });
  }

  /** Waits until the run waits on its gate, then opens it. */
  async function release(run: Run<string>, label: string, fail = false) {
    await engine.waitForEvent(run.runId, (e) => e.type === "hook_created");
    await resumeHook(`gate:${label}`, { fail }, { runtime: engine.runtime });
    return engine.waitForEnd(run.runId);
  }

  async function settle() {
    // Long enough for a run that could start to append run_started and call its first step.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it("limit 1: one run at a time, in creation order; complete, fail and cancel free the slot", async () => {
    marks().length = 0;
    const key = `acct:${stickyCacheSize}`;
    const runA = await startGated(`A${stickyCacheSize}`, { key, limit: 1 });
    const runB = await startGated(`B${stickyCacheSize}`, { key, limit: 1 });
    const runC = await startGated(`C${stickyCacheSize}`, { key, limit: 1 });
    await engine.waitForEvent(runA.runId, (e) => e.type === "hook_created");
    await settle();
    expect(started()).toEqual([`A${stickyCacheSize}`]);
    const waiting = await engine.runtime.world.getRun(runB.runId);
    expect(waiting).toMatchObject({ status: "pending", concurrency: { key, limit: 1 } });
    expect(waiting?.admittedAt).toBeUndefined();
    expect(await runB.status).toBe("pending");

    await release(runA, `A${stickyCacheSize}`);
    expect(await runA.status).toBe("completed");
    await engine.waitForEvent(runB.runId, (e) => e.type === "hook_created");
    await settle();
    expect(started()).toEqual([`A${stickyCacheSize}`, `B${stickyCacheSize}`]);

    await runC.cancel(); // waiting: leaves the line
    expect(await runC.status).toBe("cancelled");
    await release(runB, `B${stickyCacheSize}`, true);
    expect(await runB.status).toBe("failed");

    const runD = await startGated(`D${stickyCacheSize}`, { key, limit: 1 });
    await engine.waitForEvent(runD.runId, (e) => e.type === "hook_created");
    await runD.cancel(); // a running run cancelled frees its slot too
    const runE = await startGated(`E${stickyCacheSize}`, { key, limit: 1 });
    await release(runE, `E${stickyCacheSize}`);
    expect(await runE.returnValue).toBe(`E${stickyCacheSize}`);
    expect(started()).toEqual(["A", "B", "D", "E"].map((l) => `${l}${stickyCacheSize}`));
    expect((await engine.events(runC.runId)).map((e) => e.type)).toEqual([
      "run_created",
      "run_cancelled",
    ]);
  });

  it("limit 2 from the workflow's own default, its key a function of the arguments", async () => {
    marks().length = 0;
    const fn = Object.assign(workflow<[string], string>("concurrency", "gated"), {
      concurrency: { limit: 2, key: (label: string) => `group-${label[0]}-${stickyCacheSize}` },
    });
    const { start } = await import("../../runtime/api/index.js");
    const labels = ["x1", "x2", "x3", "x4", "y1"];
    const runs = new Map<string, Run<string>>();
    for (const label of labels)
      runs.set(label, await start(fn, [label], { runtime: engine.runtime }));
    for (const label of ["x1", "x2", "y1"])
      await engine.waitForEvent(runs.get(label)!.runId, (e) => e.type === "hook_created");
    await settle();
    expect(started().sort()).toEqual(["x1", "x2", "y1"]);
    expect((await engine.runtime.world.getRun(runs.get("x3")!.runId))?.concurrency).toEqual({
      key: `group-x-${stickyCacheSize}`,
      limit: 2,
    });

    await release(runs.get("x2")!, "x2");
    await engine.waitForEvent(runs.get("x3")!.runId, (e) => e.type === "hook_created");
    await settle();
    expect(started()).not.toContain("x4");
    await release(runs.get("x1")!, "x1");
    for (const label of ["x3", "x4", "y1"]) await release(runs.get(label)!, label);
    const order = started();
    expect(order.indexOf("x3")).toBeLessThan(order.indexOf("x4"));
  });
});

describe("concurrency options", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize: 0 });
  });
  afterAll(() => engine.close());

  const message = async (promise: Promise<unknown>) =>
    promise.then(
      () => "no error",
      (error: Error) => `${error.name}: ${error.message}`,
    );

  it("refuses a bad limit or key at the call, naming the option", async () => {
    const { start } = await import("../../runtime/api/index.js");
    const gated = workflow<[string], string>("concurrency", "gated");
    const call = (concurrency: unknown) =>
      message(start(gated, ["z"], { runtime: engine.runtime, concurrency: concurrency as never }));
    expect(await call({ key: "k", limit: 0 })).toBe(
      "TypeError: start(): options.concurrency.limit must be a positive integer (1, 5, ...), got 0",
    );
    expect(await call({ key: "k", limit: -1 })).toContain("options.concurrency.limit");
    expect(await call({ key: "k", limit: "2" })).toContain('got "2"');
    expect(await call({ key: "k" })).toContain("options.concurrency.limit");
    expect(await call({ key: "", limit: 1 })).toBe(
      'TypeError: start(): options.concurrency.key must be a non-empty string of at most 500 characters, got ""',
    );
    expect(await call({ key: 42, limit: 1 })).toContain("options.concurrency.key");
    expect(await call(5)).toBe(
      "TypeError: start(): options.concurrency must be an object { key?: string, limit: number }, got 5",
    );

    const withDefault = (concurrency: unknown) =>
      message(
        start(
          Object.assign(workflow<[string], string>("concurrency", "gated"), { concurrency }),
          ["z"],
          {
            runtime: engine.runtime,
          },
        ),
      );
    expect(await withDefault({ limit: 1.5 })).toContain(
      "gated.concurrency).limit must be a positive integer",
    );
    expect(await withDefault({ limit: 1, key: () => "" })).toContain(
      "(here, what the key function returned)",
    );
    expect(
      await withDefault({
        limit: 1,
        key: () => {
          throw new Error("no key");
        },
      }),
    ).toContain("key threw for the run's arguments: no key");
    // Nothing was created by the refused calls.
    expect((await engine.runtime.world.listRuns()).runs).toEqual([]);
  });

  it("uses the workflow's name as the key when none is given", async () => {
    const { start } = await import("../../runtime/api/index.js");
    const gated = workflow<[string], string>("concurrency", "gated");
    const run = await start(gated, ["n"], { runtime: engine.runtime, concurrency: { limit: 3 } });
    expect((await engine.runtime.world.getRun(run.runId))?.concurrency).toEqual({
      key: gated.workflowId,
      limit: 3,
    });
    // The dashboard's "start again" makes a run in the same line.
    const copy = await createRuntimeActions(engine.runtime).startLike(run.runId);
    expect((await engine.runtime.world.getRun(copy.runId))?.concurrency).toEqual({
      key: gated.workflowId,
      limit: 3,
    });
    await run.cancel();
    await getRun(copy.runId, { runtime: engine.runtime }).cancel();
  });
});
