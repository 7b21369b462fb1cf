/**
 * Issue 3 item 6: a worker killed with SIGKILL in the middle of a step or of a sleep loses
 * nothing. A fresh process on the same data directory completes the run with the right value;
 * steps that completed before the kill are not run again; no step completes twice; a sleep is
 * re-armed and ends at its deadline, not before. A DurableAgent killed inside a model call
 * makes only that call again, and its stream shows each chunk once.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../runtime/worlds/index.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import {
  ensureBuilt,
  kill,
  readLines,
  readOnlyRunLog,
  startWorker,
  waitFor,
  type Worker,
} from "./worker.js";
import { expectEachStepCompletedOnce } from "../support/step-events.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
/** The fixture's sleep. */
const SLEEP_MS = 1500;

let cacheDir: string;
let tmp: string;
const workers: Worker[] = [];

beforeAll(async () => {
  ensureBuilt();
  // Shared by every worker of this file: the bundles are built once.
  cacheDir = await mkdtemp(path.join(tmpdir(), "wf-crash-cache-"));
});

afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker)));
  await rm(cacheDir, { recursive: true, force: true });
});

beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "wf-crash-"));
  return async () => {
    await Promise.all(workers.splice(0).map((worker) => kill(worker)));
    await rm(tmp, { recursive: true, force: true });
  };
});

const paths = () => ({
  log: path.join(tmp, "executions.log"),
  flag: path.join(tmp, "flag"),
  data: path.join(tmp, "data"),
});

function worker(script: string, env: Record<string, string> = {}): Worker {
  const { log, flag, data } = paths();
  const started = startWorker(FIXTURES, script, {
    WORKFLOW_DATA_DIR: data,
    WORKFLOW_ROOT: FIXTURES,
    WORKFLOW_CACHE_DIR: cacheDir,
    CRASH_LOG: log,
    CRASH_FLAG: flag,
    ...env,
  });
  workers.push(started);
  return started;
}

/** Starts the run in a first worker and returns it with the run's ID. */
async function startRun(script = "start.ts"): Promise<{ first: Worker; runId: string }> {
  const first = worker(script);
  const runId = await waitFor("the run ID", () => /^run (\S+)$/m.exec(first.stdout)?.[1], first);
  return { first, runId };
}

/** Completes the run in a fresh worker and returns what it printed. */
async function resume(
  runId: string,
  script = "resume.ts",
): Promise<{ value: unknown; endedAt: number; stdout: string }> {
  const second = worker(script, { RUN_ID: runId });
  const code = await second.exited;
  const endedAt = Date.now();
  expect(code, second.stderr).toBe(0);
  const line = /^result (.*)$/m.exec(second.stdout)?.[1];
  expect(line, second.stdout + second.stderr).toBeDefined();
  return { value: JSON.parse(line!), endedAt, stdout: second.stdout };
}

/** How often each `start <step>` / `done <step>` line was recorded. */
async function executions(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const line of await readLines(paths().log)) counts[line] = (counts[line] ?? 0) + 1;
  return counts;
}

async function events(runId: string): Promise<StoredEvent[]> {
  const world = createFileWorld({ dir: paths().data });
  await world.start();
  try {
    return await world.readEvents(runId);
  } finally {
    await world.close();
  }
}

const EXPECTED = { a: 2, b: 4, c: 104 };

describe("a worker killed with SIGKILL", () => {
  it("in the middle of a step: a fresh process reruns that step only and completes the run", async () => {
    const { first, runId } = await startRun();
    await waitFor(
      "the slow step to start",
      async () => ((await readLines(paths().log)).includes("start slow") ? true : undefined),
      first,
    );
    await kill(first);
    expect(await executions()).toEqual({ "start first": 1, "done first": 1, "start slow": 1 });
    const before = await events(runId);
    const firstResult = before.find((e) => e.type === "step_completed");

    await writeFile(paths().flag, "");
    const { value } = await resume(runId);
    expect(value).toMatchObject(EXPECTED);
    expect((value as { slept: number }).slept).toBeGreaterThanOrEqual(SLEEP_MS);
    // `first` completed before the kill: its result was kept, it did not run again.
    expect(await executions()).toEqual({
      "start first": 1,
      "done first": 1,
      "start slow": 2,
      "done slow": 1,
      "start last": 1,
      "done last": 1,
    });
    const log = await events(runId);
    expect(log.slice(0, before.length)).toEqual(before);
    expect(log.filter((e) => e.type === "step_completed")[0]).toEqual(firstResult);
    expectEachStepCompletedOnce(log);
    const slowId = log.find(
      (e) => e.type === "step_created" && e.data.stepName.endsWith("//slow"),
    )?.correlationId;
    const slowStarts = log.filter((e) => e.type === "step_started" && e.correlationId === slowId);
    expect(slowStarts.map((e) => e.type === "step_started" && e.data.attempt)).toEqual([1, 2]);
    expect(log.at(-1)?.type).toBe("run_completed");
  });

  it("in the middle of a sleep: a fresh process re-arms it and completes after its deadline", async () => {
    await writeFile(paths().flag, "");
    const { first, runId } = await startRun();
    const resumeAt = await waitFor(
      "the sleep to begin",
      async () => {
        const text = await readOnlyRunLog(paths().data);
        const match = text && /"type":"wait_created".*"resumeAt":(\d+)/.exec(text);
        return match ? Number(match[1]) : undefined;
      },
      first,
    );
    await kill(first);
    const killedAt = Date.now();
    expect(killedAt).toBeLessThan(resumeAt); // killed while sleeping
    expect(await executions()).toEqual({
      "start first": 1,
      "done first": 1,
      "start slow": 1,
      "done slow": 1,
    });

    const { value, endedAt } = await resume(runId);
    expect(value).toMatchObject(EXPECTED);
    expect((value as { slept: number }).slept).toBeGreaterThanOrEqual(SLEEP_MS);
    expect(endedAt).toBeGreaterThanOrEqual(resumeAt);
    expect(await executions()).toEqual({
      "start first": 1,
      "done first": 1,
      "start slow": 1,
      "done slow": 1,
      "start last": 1,
      "done last": 1,
    });
    const log = await events(runId);
    expectEachStepCompletedOnce(log);
    const waits = log.filter((e) => e.type === "wait_completed");
    expect(waits).toHaveLength(1);
    expect(waits[0]!.createdAt).toBeGreaterThanOrEqual(resumeAt);
    const end = log.at(-1)!;
    expect(end.type).toBe("run_completed");
    expect(end.createdAt).toBeGreaterThanOrEqual(resumeAt);
  });

  it("in the middle of a DurableAgent's model call: the calls before it are not made again", async () => {
    const { first, runId } = await startRun("start-agent.ts");
    await waitFor(
      "the second model call",
      async () => ((await readLines(paths().log)).includes("model 1") ? true : undefined),
      first,
    );
    await kill(first);
    expect(await executions()).toEqual({ "model 0": 1, "tool lookup": 1, "model 1": 1 });

    await writeFile(paths().flag, "");
    const { value, stdout } = await resume(runId, "resume-agent.ts");
    expect(value).toEqual({
      text: "It is 3 degrees in Oslo.",
      roles: ["user", "assistant", "tool", "assistant"],
    });
    // Only the call that was cut short ran again.
    expect(await executions()).toEqual({ "model 0": 1, "tool lookup": 1, "model 1": 2 });
    const log = await events(runId);
    expectEachStepCompletedOnce(log);
    // The UI reads each chunk once: the second call's first attempt wrote nothing but what it
    // owed (start of the round's tool output), and its retry did not write that again.
    const chunks = JSON.parse(/^chunks (.*)$/m.exec(stdout)![1]!) as string[];
    expect(chunks).toEqual([
      "start",
      "start-step",
      "tool-input-available",
      "finish-step",
      "tool-output-available",
      "start-step",
      "text-start",
      "text-delta",
      "text-end",
      "finish-step",
      "finish",
    ]);
  });
});
