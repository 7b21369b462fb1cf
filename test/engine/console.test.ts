/**
 * console in workflow code prints each line once: a replay of what an earlier invocation ran
 * (every invocation with the sticky cache off, a fresh process after a crash) is quiet, and
 * what runs for the first time prints.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredEvent } from "../../runtime/worlds/index.js";
import { bundles, createTestEngine, ENGINE_MODES, type TestEngine, workflow } from "./harness.js";
import { createFreshSession } from "../support/fresh-session.js";

/** What the workflows of this file print, as `method: text` lines, in order. */
let printed: string[] = [];
beforeEach(() => {
  printed = [];
  for (const method of ["log", "info", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      const line = args.join(" ");
      if (line.startsWith("[")) printed.push(`${method}: ${line}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(ENGINE_MODES)("console in workflow code ($mode)", ({ mode, stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
  });
  afterAll(() => engine.close());

  it("prints each line once, however often the run is replayed", async () => {
    const tag = `[${mode}]`;
    const run = await engine.start(workflow("logging", "logsAroundAStep"), [tag]);
    expect(await run.returnValue).toBe(42);
    expect(printed).toEqual([`log: ${tag} before`, `info: ${tag} after 42`, `warn: ${tag} end`]);
    if (stickyCacheSize === 0) expect(engine.runtime.stats.cacheHits).toBe(0);
  });

  it("prints what a completion sets off once, also when it makes no new call", async () => {
    const tag = `[${mode} parallel]`;
    const run = await engine.start(workflow("logging", "logsInParallel"), [tag]);
    expect(await run.returnValue).toBe(6);
    expect(printed).toEqual([`log: ${tag} got 2`, `log: ${tag} got 4`, `log: ${tag} sum 6`]);
  });
});

describe("console in a fresh process", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize: 0 });
  });
  afterAll(() => engine.close());

  /** A new session fed `events`, as a process that has never seen the run makes one. */
  async function replayInNewProcess(runId: string, events: StoredEvent[]) {
    const session = await createFreshSession(engine.runtime.world, bundles, runId);
    return session.feed(events);
  }

  it("is quiet for what the log proves ran, and prints what runs for the first time", async () => {
    const tag = "[fresh]";
    const run = await engine.start(workflow("logging", "logsAroundAStep"), [tag]);
    await run.returnValue;
    const log = await engine.events(run.runId);
    printed = [];

    // Crashed after the step completed, before the workflow was invoked for it.
    const stepDone = log.findIndex((event) => event.type === "step_completed");
    await replayInNewProcess(run.runId, log.slice(0, stepDone + 1));
    expect(printed).toEqual([`info: ${tag} after 42`]);

    // The whole log, up to the run's end: all of it ran before.
    printed = [];
    await replayInNewProcess(run.runId, log);
    expect(printed).toEqual([]);
  });
});
