/**
 * Fault injection: a process killed after any event of a run, messages delivered twice, steps
 * failing on chosen attempts. The run still ends with its result, and no step that completed
 * runs again.
 */
import { describe, expect, it } from "vitest";
import { createTestRuntime } from "../../integrations/testing/index.js";
import { ROOT, step, workflow } from "./handles.js";

const threeSteps = workflow<[string], string[]>("long-running", "threeSteps");
const countedStep = step<(label: string, name: string) => Promise<string>>(
  "long-running",
  "countedStep",
);

/** Body executions of countedStep for `label`, by step name. */
function executions(calls: { args: unknown[]; runId: string | undefined }[], label: string) {
  const byName: Record<string, number> = {};
  for (const call of calls)
    if (call.args[0] === label)
      byName[call.args[1] as string] = (byName[call.args[1] as string] ?? 0) + 1;
  return byName;
}

/** The name ("a", "b", "c") of the step whose event is `log[k]`, in order of creation. */
function stepNameAt(log: { type: string; correlationId?: string }[], k: number): string {
  const created = log.filter((e) => e.type === "step_created").map((e) => e.correlationId);
  return ["a", "b", "c"][created.indexOf(log[k]!.correlationId)]!;
}

describe("faults", () => {
  it("survives a crash after each event of the run, never running a completed step again", async () => {
    const clean = await createTestRuntime({ root: ROOT });
    const reference = await clean.start(threeSteps, ["clean"]);
    expect(await reference.returnValue).toEqual(["clean:a", "clean:b", "clean:c"]);
    const log = await clean.events(reference);
    const last = log.length - 1; // run_completed
    await clean.close();

    const runtime = await createTestRuntime({ root: ROOT });
    try {
      for (let k = 1; k < last; k++) {
        const label = `crash${k}`;
        const run = await runtime.start(threeSteps, [label], { faults: { crashAtEvent: k } });
        expect(await run.returnValue, `crash after event ${k}`).toEqual([
          `${label}:a`,
          `${label}:b`,
          `${label}:c`,
        ]);
        expect(runtime.crashes, `crash after event ${k}`).toBe(k);
        // A step whose step_started was written before the kill runs in the next process (a
        // new attempt); one whose step_completed was written never runs again.
        expect(executions(runtime.calls(countedStep), label), `crash after event ${k}`).toEqual({
          a: 1,
          b: 1,
          c: 1,
        });
        const events = await runtime.events(run);
        expect(events.filter((e) => e.type === "step_completed")).toHaveLength(3);
        if (log[k]!.type === "step_started") {
          // Killed mid-attempt: the next process's attempt is the second.
          const name = stepNameAt(log, k);
          const calls = runtime.calls(countedStep).filter((c) => c.args[0] === label);
          expect(calls.find((c) => c.args[1] === name)?.attempt).toBe(2);
        }
      }
    } finally {
      await runtime.close();
    }
  });

  it("delivers every message twice without running a step twice", async () => {
    const runtime = await createTestRuntime({ root: ROOT, faults: { duplicateDeliveries: true } });
    try {
      const run = await runtime.start(threeSteps, ["dup"]);
      expect(await run.returnValue).toEqual(["dup:a", "dup:b", "dup:c"]);
      expect(executions(runtime.calls(countedStep), "dup")).toEqual({ a: 1, b: 1, c: 1 });
    } finally {
      await runtime.close();
    }
  });

  it("fails a step on chosen attempts; the retries recover", async () => {
    const runtime = await createTestRuntime({ root: ROOT });
    try {
      const run = await runtime.start(threeSteps, ["flaky"], {
        faults: { failSteps: [{ step: countedStep, attempts: [1, 2], message: "network down" }] },
      });
      expect(await run.returnValue).toEqual(["flaky:a", "flaky:b", "flaky:c"]);
      const calls = runtime.calls(countedStep).filter((c) => c.args[1] === "a");
      expect(calls.map((c) => [c.attempt, c.error === undefined])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
      expect(String(calls[0]!.error)).toBe("Error: network down (attempt 1)");
      // Another run of the same runtime is untouched.
      const other = await runtime.start(threeSteps, ["steady"]);
      await other.returnValue;
      expect(executions(runtime.calls(countedStep), "steady")).toEqual({ a: 1, b: 1, c: 1 });
    } finally {
      await runtime.close();
    }
  });
});
