/**
 * Faults of timing and storage: messages held back on the virtual clock, concurrent steps
 * completing in a chosen order, a stream write that fails as storage would. Each run still ends
 * with its result, and no completed step runs again, crash or not.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../integrations/testing/index.js";
import { ROOT, step, workflow } from "./handles.js";

const completionOrder = workflow<[string], string[]>("concurrent", "completionOrder");
const echo = step<(label: string, name: string) => Promise<string>>("concurrent", "echo");
const timedOrder = workflow<[string], string[]>("concurrent", "timedOrder");
const streamChunks = workflow<[number], number>("concurrent", "streamChunks");
const writeChunks = step<(count: number) => Promise<void>>("concurrent", "writeChunks");
const writeAndClose = workflow<[number], number>("concurrent", "writeAndClose");
const writeAllThenClose = step<(count: number) => Promise<void>>("concurrent", "writeAllThenClose");
const threeSteps = workflow<[string], string[]>("long-running", "threeSteps");
const countedStep = step<(label: string, name: string) => Promise<string>>(
  "long-running",
  "countedStep",
);

let runtime: TestRuntime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

/** The step_completed events of a log, by the name the step was called with. */
async function completedNames(rt: TestRuntime, runId: string): Promise<string[]> {
  const run = rt.getRun(runId);
  const events = await run.events;
  const argsOf = new Map<string, unknown[]>();
  for (const e of events)
    if (e.type === "step_created")
      argsOf.set(e.correlationId!, (e.data.input as { args: unknown[] }).args);
  return events
    .filter((e) => e.type === "step_completed")
    .map((e) => String(argsOf.get(e.correlationId!)![1]));
}

describe("reorderCompletions", () => {
  it("records concurrent steps' completions in the chosen order, and the workflow sees that order", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const plain = await runtime.start(completionOrder, ["plain"]);
    expect(await plain.returnValue).toEqual(["plain:a", "plain:b", "plain:c"]);

    const reversed = await runtime.start(completionOrder, ["rev"], {
      faults: { reorderCompletions: "reverse" },
    });
    expect(await reversed.returnValue).toEqual(["rev:c", "rev:b", "rev:a"]);
    expect(await completedNames(runtime, reversed.runId)).toEqual(["c", "b", "a"]);

    // A picker sees the waiting completions in start order: b first, then the last one left.
    const picked = await runtime.start(completionOrder, ["pick"], {
      faults: {
        reorderCompletions: (waiting) =>
          Math.max(
            0,
            waiting.findIndex((w) => w.args[1] === "b"),
          ),
      },
    });
    expect(await picked.returnValue).toEqual(["pick:b", "pick:a", "pick:c"]);
  });

  it("waits for steps still at work (real I/O) before it picks", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const natural = await runtime.start(timedOrder, ["n"]);
    expect(await natural.returnValue).toEqual(["n:a", "n:b", "n:c"]);
    const reversed = await runtime.start(timedOrder, ["r"], {
      faults: { reorderCompletions: "reverse" },
    });
    expect(await reversed.returnValue).toEqual(["r:c", "r:b", "r:a"]);
  });

  it("gives every order of three steps with some seed, and the same order for the same seed", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const orders = new Set<string>();
    for (let seed = 0; seed < 24; seed++) {
      const run = await runtime.start(completionOrder, [`s${seed}`], {
        faults: { reorderCompletions: { seed } },
      });
      const names = (await run.returnValue).map((v) => v.split(":")[1]).join("");
      orders.add(names);
      const again = await runtime.start(completionOrder, [`t${seed}`], {
        faults: { reorderCompletions: { seed } },
      });
      expect((await again.returnValue).map((v) => v.split(":")[1]).join("")).toBe(names);
    }
    expect([...orders].sort()).toEqual(["abc", "acb", "bac", "bca", "cab", "cba"]);
  });

  it("never runs a completed step again when the process dies between reordered completions", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const reference = await runtime.start(completionOrder, ["ref"], {
      faults: { reorderCompletions: "reverse" },
    });
    await reference.returnValue;
    const last = (await reference.events).length - 1;
    for (let k = 1; k < last; k++) {
      const label = `crash${k}`;
      const run = await runtime.start(completionOrder, [label], {
        faults: { reorderCompletions: "reverse", crashAtEvent: k },
      });
      const result = await run.returnValue;
      expect(result.slice().sort(), `crash after event ${k}`).toEqual(
        ["a", "b", "c"].map((n) => `${label}:${n}`),
      );
      const events = await run.events;
      const completed = events.filter((e) => e.type === "step_completed");
      expect(completed).toHaveLength(3);
      // No attempt of a step started after its completion was written.
      for (const done of completed) {
        const calls = runtime.calls(echo).filter((c) => c.correlationId === done.correlationId);
        const started = events.filter(
          (e) => e.type === "step_started" && e.correlationId === done.correlationId,
        );
        expect(calls.length, `crash after event ${k}`).toBeLessThanOrEqual(started.length);
        expect(Math.max(...calls.map((c) => c.attempt))).toBe(
          started.at(-1)!.data.attempt as number,
        );
      }
    }
  });
});

describe("delayDeliveries", () => {
  it("holds messages back on the virtual clock; the run ends the same, later", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const t0 = runtime.clock.now();
    const quick = await runtime.start(threeSteps, ["quick"]);
    await quick.returnValue;
    const quickMs = runtime.clock.now() - t0;

    const t1 = runtime.clock.now();
    const slow = await runtime.start(threeSteps, ["slow"], {
      faults: { delayDeliveries: () => 60_000 },
    });
    expect(await slow.returnValue).toEqual(["slow:a", "slow:b", "slow:c"]);
    const slowMs = runtime.clock.now() - t1;
    // Every workflow and step message waited a minute of virtual time (at least 6 of them).
    expect(slowMs - quickMs).toBeGreaterThanOrEqual(6 * 60_000);
    const events = await slow.events;
    const created = events.find((e) => e.type === "run_created")!;
    const started = events.find((e) => e.type === "run_started")!;
    expect(started.createdAt - created.createdAt).toBe(60_000);
    expect(runtime.calls(countedStep).filter((c) => c.args[0] === "slow")).toHaveLength(3);
  });

  it("delays a seeded share of messages, the same ones for the same seed", async () => {
    const durations: number[] = [];
    for (let i = 0; i < 2; i++) {
      runtime = await createTestRuntime({
        root: ROOT,
        now: Date.UTC(2030, 0, 1),
        faults: { delayDeliveries: { probability: 0.5, maxMs: 10_000, seed: "x" } },
      });
      const run = await runtime.start(threeSteps, ["seeded"]);
      await run.returnValue;
      durations.push(runtime.clock.now() - Date.UTC(2030, 0, 1));
      await runtime.close();
      runtime = undefined;
    }
    expect(durations[0]).toBe(durations[1]);
    expect(durations[0]).toBeGreaterThan(3_600_000); // the hour's sleep, plus some delays
  });
});

describe("duplicateDeliveries per run", () => {
  it("delivers one run's messages twice, without running a step twice", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const run = await runtime.start(threeSteps, ["dup1"], {
      faults: { duplicateDeliveries: true },
    });
    expect(await run.returnValue).toEqual(["dup1:a", "dup1:b", "dup1:c"]);
    const calls = runtime.calls(countedStep).filter((c) => c.args[0] === "dup1");
    expect(calls.map((c) => [c.args[1], c.attempt])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 1],
    ]);
  });
});

describe("failStreamWrites", () => {
  it("fails the write of one chunk as storage would; the step is retried and the stream holds every chunk", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const run = await runtime.start(streamChunks, [4], {
      faults: { failStreamWrites: [{ atChunk: 2 }] },
    });
    expect(await run.returnValue).toBe(4);
    const calls = runtime.calls(writeChunks);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2]);
    // The body returned; the attempt failed when its chunks were stored, as with a real world.
    expect(calls[0]!.error).toBeUndefined();
    const retrying = (await run.events).find((e) => e.type === "step_retrying");
    expect(retrying?.data.error).toMatchObject({
      name: "WorldError",
      message: expect.stringContaining('storing chunk 2 of stream "user"'),
    });
    // At least once: the first attempt stored all but chunk 2 (the writes after it went on), the
    // second all four.
    const chunks: number[] = [];
    const reader = run.readable.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read())
      chunks.push(read.value as number);
    expect(chunks).toEqual([0, 1, 3, 0, 1, 2, 3]);
  });

  it("a step that writes and closes in one attempt does not close past a lost chunk: its retry writes them all", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const run = await runtime.start(writeAndClose, [3], {
      faults: { failStreamWrites: [{ atChunk: 1 }] },
    });
    expect(await run.returnValue).toBe(3);
    expect(runtime.calls(writeAllThenClose).map((c) => c.attempt)).toEqual([1, 2]);
    const chunks: number[] = [];
    const reader = run.readable.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read())
      chunks.push(read.value as number);
    expect(chunks).toEqual([0, 2, 0, 1, 2]);
  });

  it("leaves other namespaces and other runs alone", async () => {
    runtime = await createTestRuntime({
      root: ROOT,
      faults: { failStreamWrites: [{ namespace: "logs", atChunk: 0 }] },
    });
    const run = await runtime.start(streamChunks, [2]);
    expect(await run.returnValue).toBe(2);
    expect(runtime.calls(writeChunks).map((c) => c.attempt)).toEqual([1]);
  });
});

describe("run.events", () => {
  it("is the log with stored values decoded", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const run = await runtime.start(threeSteps, ["ev"]);
    await run.returnValue;
    const events = await run.events;
    const raw = await runtime.events(run);
    expect(events.map((e) => [e.index, e.type, e.correlationId, e.createdAt])).toEqual(
      raw.map((e) => [e.index, e.type, e.correlationId, e.createdAt]),
    );
    expect(events[0]!.data.input).toEqual(["ev"]);
    const firstStep = events.find((e) => e.type === "step_created")!;
    expect(firstStep.data.input).toMatchObject({ args: ["ev", "a"] });
    expect(events.find((e) => e.type === "step_completed")!.data.result).toBe("ev:a");
    expect(events.at(-1)).toMatchObject({
      type: "run_completed",
      data: { output: ["ev:a", "ev:b", "ev:c"] },
    });
    // getRun's handle has it too.
    expect((await runtime.getRun(run.runId).events).length).toBe(events.length);
  });
});
