/**
 * Issue 3 item 2: results are delivered in log order, so Promise.all / race / any over steps and
 * sleeps give the same answer on every replay (with the sticky cache off, every invocation is a
 * full replay), and Math.random, Date and crypto replay to the same values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestEngine,
  ENGINE_MODES,
  ofType,
  outputOf,
  replayFinishedRun,
  type TestEngine,
  workflow,
} from "./harness.js";

/** What each workflow returned, by engine mode: both modes must agree. */
const results = new Map<string, Map<string, unknown>>();

describe.each(ENGINE_MODES)("determinism ($mode)", ({ mode, stickyCacheSize }) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize });
  });
  afterAll(() => engine.close());

  /**
   * Runs `name` to its end; a fresh replay of the finished log must return the same value.
   * `comparable` picks what must also be the same in the other mode (null: nothing).
   */
  async function runAndReplay(
    name: string,
    args: unknown[] = [],
    comparable: ((value: unknown) => unknown) | null = (value) => value,
  ) {
    const run = await engine.start(workflow("determinism", name), args);
    const value = await run.returnValue;
    expect(outputOf(await replayFinishedRun(engine, run.runId))).toEqual(value);
    if (!results.has(mode)) results.set(mode, new Map());
    if (comparable) results.get(mode)!.set(name, comparable(value));
    return { value, runId: run.runId };
  }

  it("Promise.all over steps and a sleep keeps call order", async () => {
    expect((await runAndReplay("all")).value).toBe("ABC");
  });

  it("Promise.race takes the first completion in the log, steps and sleeps alike", async () => {
    expect((await runAndReplay("race")).value).toEqual(["fast", "sleep"]);
  });

  it("Promise.any skips a failed step and takes the first fulfilment", async () => {
    const { value, runId } = await runAndReplay("any");
    expect(value).toBe("b");
    expect(ofType(await engine.events(runId), "step_failed")).toHaveLength(1);
  });

  it("racing the remaining steps repeatedly gives the completion order", async () => {
    const { hits } = { hits: engine.runtime.stats.cacheHits };
    expect((await runAndReplay("raceLoop")).value).toEqual([0, 1, 2, 3, 4]);
    // The mode is real: with the cache, later invocations resumed the live sandbox.
    if (stickyCacheSize > 0) expect(engine.runtime.stats.cacheHits).toBeGreaterThan(hits);
    else expect(engine.runtime.stats.cacheHits).toBe(0);
  });

  it("races of sleeps against sleeps and steps; the clock follows the log", async () => {
    const { value, runId } = await runAndReplay("sleepRace", [], (v) => {
      const { first, second } = v as { first: string; second: string };
      return { first, second };
    });
    const { first, second, times, date } = value as {
      first: string;
      second: string;
      times: number[];
      date: Date;
    };
    expect([first, second]).toEqual(["short", "STEP"]);
    const events = await engine.events(runId);
    const completions = events.filter(
      (e) => e.type === "wait_completed" || e.type === "step_completed",
    );
    // Each time read after a race is the time of the event that settled it.
    expect(times[0]).toBe(events.find((e) => e.type === "run_started")!.createdAt);
    expect(completions.map((e) => e.createdAt)).toContain(times[1]);
    expect(completions.map((e) => e.createdAt)).toContain(times[2]);
    expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(1600);
    expect(date).toEqual(new Date(times[3]!));
  });

  it("sleeps that end while the worker is busy complete in resumeAt order", async () => {
    const { value, runId } = await runAndReplay("sleepsEndTogether");
    expect(value).toBe("earlier");
    const completed = ofType(await engine.events(runId), "wait_completed");
    const created = ofType(await engine.events(runId), "wait_created");
    const resumeAtOf = new Map(created.map((e) => [e.correlationId, e.data.resumeAt]));
    const order = completed.map((e) => resumeAtOf.get(e.correlationId)!);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("crypto.subtle.digest settles like any other value (no thread-pool timing)", async () => {
    const { value } = await runAndReplay("digest", ["abc"]);
    expect(value).toEqual({
      hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      upperText: "ABC",
      isBuffer: true,
    });
  });

  it("many concurrent runs each replay to their own answer", async () => {
    const names = ["race", "raceLoop", "any", "digest"] as const;
    const runs = await Promise.all(
      names.flatMap((name) =>
        Array.from({ length: 6 }, () =>
          engine.start(workflow("determinism", name), name === "digest" ? ["abc"] : []),
        ),
      ),
    );
    const values = await Promise.all(runs.map((run) => run.returnValue));
    const replays = await Promise.all(
      runs.map(async (run) => outputOf(await replayFinishedRun(engine, run.runId))),
    );
    // Which branch wins depends on real time (and so on machine load); that each replay gives
    // its own run's answer does not.
    expect(replays).toEqual(values);
  });

  it("Math.random, Date and crypto replay to the same values", async () => {
    // Random per run: not comparable across modes.
    const { value, runId } = await runAndReplay("randomness", [], null);
    const samples = value as Array<Record<string, unknown>>;
    const events = await engine.events(runId);
    const started = ofType(events, "run_started")[0]!.createdAt;
    // The clock starts at the run's start and moves with the log.
    expect(samples[0]!.now).toBe(started);
    expect(samples[0]!.date).toBe(new Date(started).toISOString());
    expect(samples[0]!.dateString).toBe(new Date(started).toString());
    const times = samples.map((s) => s.now as number);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(10); // after sleep("10ms")
    // Values are random, not constant.
    expect(new Set(samples.map((s) => s.random)).size).toBe(samples.length);
    expect(new Set(samples.map((s) => s.uuid)).size).toBe(samples.length);
    for (const s of samples) expect(s.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
  });

  it("two runs of the same workflow draw different random values", async () => {
    const a = await runAndReplay("randomness", [], null);
    const b = await runAndReplay("randomness", [], null);
    const first = (v: unknown) => (v as Array<{ random: number }>)[0]!.random;
    expect(first(a.value)).not.toBe(first(b.value));
  });
});

describe("sticky cache smaller than the number of live runs", () => {
  it("evicted runs fall back to a full replay and reach the same answers", async () => {
    const engine = await createTestEngine({ stickyCacheSize: 2 });
    try {
      const runs = await Promise.all(
        Array.from({ length: 8 }, () => engine.start(workflow("determinism", "raceLoop"), [])),
      );
      for (const run of runs) expect(await run.returnValue).toEqual([0, 1, 2, 3, 4]);
      // Both paths were taken: some invocations resumed a live sandbox, others replayed.
      expect(engine.runtime.stats.cacheHits).toBeGreaterThan(0);
      expect(engine.runtime.stats.cacheMisses).toBeGreaterThan(runs.length);
    } finally {
      await engine.close();
    }
  });
});

describe("sticky cache on and off", () => {
  it("give the same results", () => {
    const [on, off] = ENGINE_MODES.map(({ mode }) => results.get(mode));
    expect(on?.size).toBeGreaterThan(3);
    expect(on).toEqual(off);
  });
});
