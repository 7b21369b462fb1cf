/**
 * Issue 13 item 3, "both survive restarts", on the file world with real processes: a worker is
 * killed with SIGKILL, and a fresh one on the same data directory
 * - fails a run at its run timeout (the deadline is re-armed from the log, not lost with the
 *   dead process's timer), and
 * - recognises a step attempt that was running when the worker died, and whose deadline has
 *   passed since, as timed out: it is not run again blindly, and the retry policy goes on.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EventOf, StoredEvent } from "../../runtime/worlds/index.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, kill, readLines, startWorker, waitFor, type Worker } from "./worker.js";

const FIXTURES = path.join(import.meta.dirname, "timeout-fixtures");

let cacheDir: string;
let tmp: string;
const workers: Worker[] = [];

beforeAll(async () => {
  ensureBuilt();
  cacheDir = await mkdtemp(path.join(tmpdir(), "wf-timeout-cache-"));
});

afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker)));
  await rm(cacheDir, { recursive: true, force: true });
});

beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "wf-timeout-"));
  return async () => {
    await Promise.all(workers.splice(0).map((worker) => kill(worker)));
    await rm(tmp, { recursive: true, force: true });
  };
});

const logFile = () => path.join(tmp, "executions.log");

function worker(script: string, env: Record<string, string> = {}): Worker {
  const started = startWorker(FIXTURES, script, {
    WORKFLOW_DATA_DIR: path.join(tmp, "data"),
    WORKFLOW_ROOT: FIXTURES,
    WORKFLOW_CACHE_DIR: cacheDir,
    CRASH_LOG: logFile(),
    ...env,
  });
  workers.push(started);
  return started;
}

async function events(runId: string): Promise<StoredEvent[]> {
  const world = createFileWorld({ dir: path.join(tmp, "data"), readOnly: true });
  await world.start();
  try {
    return await world.readEvents(runId);
  } finally {
    await world.close();
  }
}

/** Runs outcome.ts on the run until it prints how the run ended. */
async function outcome(runId: string): Promise<{ kind: string; value: any }> {
  const second = worker("outcome.ts", { RUN_ID: runId });
  expect(await second.exited, second.stderr).toBe(0);
  const match = /^(result|failed) (.*)$/m.exec(second.stdout);
  expect(match, second.stdout + second.stderr).not.toBeNull();
  return { kind: match![1]!, value: JSON.parse(match![2]!) };
}

const ofType = <K extends StoredEvent["type"]>(log: StoredEvent[], type: K) =>
  log.filter((event): event is EventOf<K> => event.type === type);

describe("timeouts across a SIGKILL (file world)", () => {
  it("a fresh process fails the run at its run timeout, re-armed from the log", async () => {
    const TIMEOUT_MS = 3000;
    const first = worker("start.ts", { FLOW: "sleepsLong", RUN_TIMEOUT_MS: String(TIMEOUT_MS) });
    const runId = await waitFor("the run ID", () => /^run (\S+)$/m.exec(first.stdout)?.[1], first);
    // Killed while the run sleeps: the deadline's timer dies with it.
    await waitFor("the sleep", async () =>
      (await events(runId)).some((e) => e.type === "wait_created") ? true : undefined,
    );
    await kill(first);
    const killedAt = Date.now();
    const created = (await events(runId))[0]!;
    expect(killedAt).toBeLessThan(created.createdAt + TIMEOUT_MS); // killed before the deadline

    const { kind, value } = await outcome(runId);
    expect(kind).toBe("failed");
    expect(value).toMatchObject({ name: "RunTimeoutError", code: "RUN_TIMEOUT" });
    const log = await events(runId);
    expect(log.map((e) => e.type)).toEqual([
      "run_created",
      "run_started",
      "wait_created",
      "run_failed",
    ]);
    // At the deadline (not before, and not at the 60 s sleep's end).
    const late = log[3]!.createdAt - (created.createdAt + TIMEOUT_MS);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(10_000);
  });

  it("a fresh process times out the attempt the dead one was running, once its deadline passed", async () => {
    const first = worker("start.ts", { FLOW: "hangsOnce" });
    const runId = await waitFor("the run ID", () => /^run (\S+)$/m.exec(first.stdout)?.[1], first);
    await waitFor("attempt 1 to start", async () =>
      (await readLines(logFile())).includes("start hang 1") ? true : undefined,
    );
    await kill(first);
    const started = ofType(await events(runId), "step_started");
    expect(started).toHaveLength(1);
    const deadline = started[0]!.data.deadline!;
    expect(deadline - started[0]!.createdAt).toBeLessThanOrEqual(800);
    // Let the deadline pass while no process runs.
    while (Date.now() <= deadline + 50) await new Promise((r) => setTimeout(r, 50));

    const { kind, value } = await outcome(runId);
    expect(kind).toBe("result");
    expect(value).toBe("done on attempt 2");
    // Attempt 1 was not run again: the new process recorded it as timed out.
    expect(await readLines(logFile())).toEqual(["start hang 1", "start hang 2"]);
    const log = await events(runId);
    const [retry] = ofType(log, "step_retrying");
    expect(retry!.data.attempt).toBe(1);
    expect(retry!.data.error).toMatchObject({ name: "StepTimeoutError", code: "STEP_TIMEOUT" });
    expect(ofType(log, "step_started").map((e) => e.data.attempt)).toEqual([1, 2]);
  });
});
