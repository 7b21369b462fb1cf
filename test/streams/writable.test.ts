/**
 * getWritable() in workflows and steps, run.readable / run.getReadable(), and streams returned by
 * steps, end to end: memory and file worlds, sticky cache on and off, and a file world reopened.
 */
import { describe, expect, it } from "vitest";
import { getRun, start } from "../../runtime/api/index.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { WorkflowRunFailedError } from "../../runtime/errors/index.js";
import {
  createTempDir,
  createTestRuntime,
  describeSetup,
  readAll,
  SETUPS,
  useTestRuntime,
  workflow,
} from "./harness.js";

const progressWorkflow = workflow<[string[]], void>("progress", "progressWorkflow");
const numbersAndBytes = workflow<[number, number], string>("streams", "numbersAndBytes");
const namespaces = workflow<[], void>("streams", "namespaces");
const lateWriter = workflow<[number], void>("streams", "lateWriter");
const misuse = workflow<[], { errors: string[]; tag: string }>("streams", "misuse");
const streamResult = workflow<[number], { stream: ReadableStream; sum: number }>(
  "streams",
  "streamResult",
);
const brokenStream = workflow<[], ReadableStream<string>>("streams", "brokenStream");
const globalFetch = workflow<[string], unknown>("streams", "globalFetch");
const unclosed = workflow<[number, "complete" | "fail"], string>("streams", "unclosed");

const numbers = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => ({ i: from + k }));

describe.each(SETUPS)("streams ($world world, sticky $stickyCacheSize)", (setup) => {
  let runtime: Runtime;
  useTestRuntime(setup, (created) => (runtime = created));

  it(`runs the seed's progress example (${describeSetup(setup)})`, async () => {
    const run = await start(progressWorkflow, [["a", "bb", "ccc", "dddd"]], { runtime });
    const chunks = await readAll(run.readable);
    expect(chunks).toEqual([
      { progress: 25, item: "a" },
      { progress: 50, item: "bb" },
      { progress: 75, item: "ccc" },
      { progress: 100, item: "dddd" },
    ]);
    expect(await run.returnValue).toBeUndefined();
  });

  it("reads object and byte chunks, from the start and from startIndex 50", async () => {
    const run = await start(numbersAndBytes, [120, 10], { runtime });
    const [all, from50, bytes] = await Promise.all([
      readAll(run.readable),
      readAll(run.getReadable({ startIndex: 50 })),
      readAll(run.getReadable<Uint8Array>({ namespace: "bytes" })),
    ]);
    expect(all).toEqual(numbers(0, 120));
    expect(from50).toEqual(numbers(50, 120));
    expect(bytes.map((chunk) => chunk instanceof Uint8Array)).toEqual(Array(10).fill(true));
    expect(bytes.map((chunk) => Array.from(chunk))).toEqual(
      Array.from({ length: 10 }, (_, k) => Array(k + 1).fill(k)),
    );
    expect(await run.returnValue).toBe("done");
    // A handle made from the ID alone reads the same, live or not.
    const again = getRun(run.runId, { runtime });
    expect(await readAll(again.getReadable({ startIndex: 118 }))).toEqual(numbers(118, 120));
    expect(await readAll(again.getReadable({ startIndex: -3 }))).toEqual(numbers(117, 120));
  });

  it("keeps namespaces apart from each other and from the default stream", async () => {
    const run = await start(namespaces, [], { runtime });
    await run.returnValue;
    expect(await readAll(run.getReadable({ namespace: "data" }))).toEqual(["data 1", "data 2"]);
    expect(await readAll(run.getReadable({ namespace: "logs" }))).toEqual(["log 1"]);
    expect(await readAll(run.readable)).toEqual(["main 1"]);
    expect((await runtime.world.streams.list(run.runId)).sort()).toEqual([
      "user",
      "user:data",
      "user:logs",
    ]);
  });

  it("gives a reader attached before the first chunk every chunk", async () => {
    const run = await start(lateWriter, [5], { runtime });
    const reading = readAll(run.readable);
    expect(await runtime.world.streams.info(run.runId, "user")).toEqual({
      length: 0,
      closed: false,
    });
    expect(await reading).toEqual(numbers(0, 5));
  });

  it("returns a step's ReadableStream to the caller, readable after the run ended", async () => {
    const run = await start(streamResult, [20], { runtime });
    const { stream, sum } = await run.returnValue;
    expect(sum).toBe((19 * 20) / 2);
    const chunks = await readAll(stream);
    expect(chunks).toHaveLength(20);
    expect(chunks[0]).toEqual({ n: 0 });
    expect(chunks[1]).toEqual(new Uint8Array([1]));
    expect(chunks[19]).toEqual(new Uint8Array([19]));
  });

  it("passes a failing source's error on to readers, after its chunks", async () => {
    const run = await start(brokenStream, [], { runtime });
    const reader = (await run.returnValue).getReader();
    expect(await reader.read()).toEqual({ done: false, value: "chunk 0" });
    expect(await reader.read()).toEqual({ done: false, value: "chunk 1" });
    await expect(reader.read()).rejects.toThrow("source broke");
  });

  it("ends readers of streams left open when the run ends: plainly, or with the run's error", async () => {
    const completed = await start(unclosed, [3, "complete"], { runtime });
    const live = readAll(completed.readable);
    expect(await completed.returnValue).toBe("finished");
    expect(await live).toEqual(numbers(0, 3));
    expect(await readAll(completed.getReadable({ namespace: "never" }))).toEqual([]);

    const failed = await start(unclosed, [2, "fail"], { runtime });
    const reader = failed.readable.getReader();
    expect((await reader.read()).value).toEqual({ i: 0 });
    expect((await reader.read()).value).toEqual({ i: 1 });
    const error = await reader.read().catch((e: Error) => e);
    expect(error).toMatchObject({
      name: "WorkflowRunFailedError",
      message: `Workflow run ${failed.runId} failed: payment declined`,
    });
    // Closed for good: a reader that comes later gets the same, at once.
    await expect(readAll(failed.getReadable({ startIndex: 1 }))).rejects.toThrow(
      "payment declined",
    );

    const early = await start(unclosed, [0, "fail"], { runtime });
    await expect(readAll(early.readable)).rejects.toThrow(/failed: payment declined/);
    expect(await runtime.world.streams.list(early.runId)).toEqual([]);

    await expect(readAll(getRun("wrun_UNKNOWN", { runtime }).readable)).rejects.toThrow(
      "Workflow run wrun_UNKNOWN does not exist",
    );
  });

  it("refuses reading and writing a stream in the workflow itself", async () => {
    const run = await start(misuse, [], { runtime });
    const { errors, tag } = await run.returnValue;
    expect(tag).toBe("[object WritableStream]");
    expect(errors).toEqual([
      expect.stringMatching(
        /^Writing to a stream \(getWriter\(\)\) is not possible in a workflow function.*Pass the stream to a step/,
      ),
      expect.stringMatching(/^Closing a stream is not possible in a workflow function/),
      'getWritable(): namespace must be a non-empty string, got ""',
    ]);
  });

  it('blocks the global fetch, pointing to fetch from "workflow"', async () => {
    const run = await start(globalFetch, ["http://127.0.0.1:1/"], { runtime });
    const error = await run.returnValue.catch((e: unknown) => e);
    expect(WorkflowRunFailedError.is(error)).toBe(true);
    expect((error as Error).message).toContain(
      'fetch is not available in workflow functions. I/O must be a step so that it runs once and its result is recorded: use fetch from "workflow".',
    );
  });
});

describe("streams in a file world that restarts", () => {
  it("reads streams written before the restart, from index 0 and from startIndex", async () => {
    const { dir, cleanup } = await createTempDir();
    try {
      const first = await createTestRuntime({ world: "file", stickyCacheSize: 1000 }, dir);
      const run = await start(numbersAndBytes, [100, 4], { runtime: first });
      const returned = await start(streamResult, [6], { runtime: first });
      expect(await run.returnValue).toBe("done");
      await returned.returnValue;
      await first.close();

      const second = await createTestRuntime({ world: "file", stickyCacheSize: 0 }, dir);
      try {
        const again = getRun(run.runId, { runtime: second });
        expect(await readAll(again.readable)).toEqual(numbers(0, 100));
        expect(await readAll(again.getReadable({ startIndex: 50 }))).toEqual(numbers(50, 100));
        expect(
          (await readAll(again.getReadable<Uint8Array>({ namespace: "bytes" }))).map(
            (c) => c.length,
          ),
        ).toEqual([1, 2, 3, 4]);
        const { stream, sum } = await getRun<{ stream: ReadableStream; sum: number }>(
          returned.runId,
          { runtime: second },
        ).returnValue;
        expect(sum).toBe(15);
        expect(await readAll(stream)).toHaveLength(6);
      } finally {
        await second.close();
      }
    } finally {
      await cleanup();
    }
  });
});
