/**
 * Many worker processes on one Postgres world: real processes (`node --import workflow/register`)
 * sharing a database that the test starts. Runs started in one process are worked on by all of
 * them; every step ends with exactly one terminal event; and when a worker is killed with
 * SIGKILL in the middle, the others take over its leased messages and finish every run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPostgresWorld } from "../../runtime/worlds/index.js";
import type { StoredEvent } from "../../runtime/worlds/index.js";
import {
  ensureBuilt,
  kill,
  readLines,
  startWorker,
  waitFor,
  type Worker,
} from "../crash/worker.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";
import { expectEachStepCompletedOnce } from "../support/step-events.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const RUNS = 12;
const FAN = 6;
const EXPECTED = Array.from({ length: FAN }, (_, i) => i * i).reduce((a, b) => a + b, 0);

let postgres: PostgresServer;
let cacheDir: string;
let tmp: string;
let databases = 0;
const workers: Worker[] = [];

beforeAll(async () => {
  ensureBuilt();
  postgres = await startPostgres();
  cacheDir = await mkdtemp(path.join(tmpdir(), "wf-pg-cache-"));
  tmp = await mkdtemp(path.join(tmpdir(), "wf-pg-workers-"));
}, 60_000);

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker)));
});

afterAll(async () => {
  await postgres?.stop();
  await rm(cacheDir, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

async function setup() {
  const url = await postgres.createDatabase(`workers_${++databases}`);
  const log = path.join(tmp, `work-${databases}.log`);
  const env = {
    WORKFLOW_TARGET_WORLD: "postgres",
    WORKFLOW_POSTGRES_URL: url,
    // A killed worker's messages are taken over once its lease runs out.
    WORKFLOW_POSTGRES_LEASE_MS: "1500",
    WORKFLOW_ROOT: FIXTURES,
    WORKFLOW_CACHE_DIR: cacheDir,
    WORK_LOG: log,
    RUNS: String(RUNS),
    FAN: String(FAN),
  };
  const spawn = (script: string) => {
    const worker = startWorker(FIXTURES, script, env);
    workers.push(worker);
    return worker;
  };
  return { url, log, spawn };
}

async function ready(worker: Worker): Promise<void> {
  await waitFor(
    "the worker to be ready",
    () => (worker.stdout.includes("ready") ? true : undefined),
    worker,
    60_000,
  );
}

async function results(starter: Worker): Promise<number[]> {
  const line = await waitFor(
    "every run's result",
    () => /^results (.*)$/m.exec(starter.stdout)?.[1],
    starter,
    60_000,
  );
  return JSON.parse(line) as number[];
}

async function eventsOf(url: string): Promise<Map<string, StoredEvent[]>> {
  const world = createPostgresWorld({ connectionString: url });
  await world.start();
  try {
    const byRun = new Map<string, StoredEvent[]>();
    for (const run of (await world.listRuns({ limit: 1000 })).runs)
      byRun.set(run.runId, await world.readEvents(run.runId));
    return byRun;
  } finally {
    await world.close();
  }
}

describe("worker processes on one Postgres world", () => {
  it("share the runs of another process, and each step completes once", async () => {
    const { url, log, spawn } = await setup();
    const pool = [spawn("worker.ts"), spawn("worker.ts")];
    await Promise.all(pool.map(ready));
    const starter = spawn("start-fans.ts");

    expect(await results(starter)).toEqual(Array(RUNS).fill(EXPECTED));
    const byRun = await eventsOf(url);
    expect(byRun.size).toBe(RUNS);
    for (const events of byRun.values()) {
      expectEachStepCompletedOnce(events);
      expect(events.at(-1)?.type).toBe("run_completed");
    }
    // All three processes took part.
    const pids = new Set((await readLines(log)).map((line) => line.split(" ")[0]));
    expect(pids.size).toBe(3);
  }, 120_000);

  it("finish every run when one of them is killed with SIGKILL mid-way", async () => {
    const { url, log, spawn } = await setup();
    const victim = spawn("worker.ts");
    const survivor = spawn("worker.ts");
    await Promise.all([victim, survivor].map(ready));
    const starter = spawn("start-fans.ts");
    const victimPid = String(victim.child.pid);
    await waitFor(
      "the victim to be inside a step",
      async () =>
        (await readLines(log)).some((line) => line.startsWith(`${victimPid} `)) ? true : undefined,
      starter,
      60_000,
    );
    await kill(victim);

    expect(await results(starter)).toEqual(Array(RUNS).fill(EXPECTED));
    const byRun = await eventsOf(url);
    for (const events of byRun.values()) {
      expectEachStepCompletedOnce(events);
      expect(events.at(-1)?.type).toBe("run_completed");
    }
  }, 120_000);
});
