/**
 * Issue 13 item 5 across real processes (`node --import workflow/register`): concurrency limits
 * hold across a kill -9 of the file world's process (a new process finishes the waiting runs, in
 * order, one at a time) and across worker processes on one Postgres database (never more than
 * the limit at once, measured from the steps' own timestamps; a worker killed while its run
 * holds a slot leaves no leak: another worker finishes that run and the line moves on).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuilt,
  kill,
  readLines,
  startWorker,
  waitFor,
  type Worker,
} from "../crash/worker.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

let cacheDir: string;
let tmp: string;
const workers: Worker[] = [];

beforeAll(async () => {
  ensureBuilt();
  cacheDir = await mkdtemp(path.join(tmpdir(), "wf-conc-cache-"));
  tmp = await mkdtemp(path.join(tmpdir(), "wf-conc-procs-"));
});

afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker)));
  await rm(cacheDir, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

function spawn(script: string, env: Record<string, string>): Worker {
  const worker = startWorker(FIXTURES, script, {
    WORKFLOW_ROOT: FIXTURES,
    WORKFLOW_CACHE_DIR: cacheDir,
    ...env,
  });
  workers.push(worker);
  return worker;
}

async function resultsOf(worker: Worker): Promise<string[]> {
  const line = await waitFor(
    "every run's result",
    () => /^results (.*)$/m.exec(worker.stdout)?.[1],
    worker,
    90_000,
  );
  return JSON.parse(line) as string[];
}

/** Each run's span, from its step's first start to its last end, read from the work log. */
async function spans(log: string): Promise<Map<string, { from: number; to: number }>> {
  const byLabel = new Map<string, { from: number; to: number }>();
  for (const line of await readLines(log)) {
    const [what, label, , at] = line.split(" ");
    const time = Number(at);
    const span = byLabel.get(label!) ?? { from: Infinity, to: -Infinity };
    if (what === "start") span.from = Math.min(span.from, time);
    if (what === "end") span.to = Math.max(span.to, time);
    byLabel.set(label!, span);
  }
  return byLabel;
}

/** The most spans open at one time. */
function mostAtOnce(all: Iterable<{ from: number; to: number }>): number {
  const edges: Array<[number, number]> = [];
  for (const { from, to } of all) edges.push([from, 1], [to, -1]);
  // An end and a start at the same millisecond: the end first (the slot was freed before).
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, delta] of edges) most = Math.max(most, (open += delta));
  return most;
}

describe("file world", () => {
  it("after a kill -9 while runs wait in line, a new process finishes them in order, one at a time", async () => {
    const dir = await mkdtemp(path.join(tmp, "file-"));
    const env = {
      WORKFLOW_DATA_DIR: path.join(dir, "data"),
      WORK_LOG: path.join(dir, "work.log"),
      HOLD_FLAG: path.join(dir, "flag"),
      RUNS: "4",
      LIMIT: "1",
    };
    const first = spawn("start-limited.ts", env);
    const ids = await waitFor(
      "the run IDs",
      () => /^started (.*)$/m.exec(first.stdout)?.[1],
      first,
      60_000,
    );
    await waitFor(
      "the first run inside its step",
      async () => ((await readLines(env.WORK_LOG)).length > 0 ? true : undefined),
      first,
    );
    // r0 holds the slot, inside its step; r1..r3 wait in line.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readLines(env.WORK_LOG)).toEqual([expect.stringMatching(/^start r0 /)]);
    await kill(first);

    await writeFile(env.HOLD_FLAG, "");
    const second = spawn("finish.ts", { ...env, RUN_IDS: ids });
    expect(await resultsOf(second)).toEqual(["r0", "r1", "r2", "r3"]);
    const byLabel = await spans(env.WORK_LOG);
    const order = [...byLabel.entries()].sort((a, b) => a[1].from - b[1].from).map(([l]) => l);
    expect(order).toEqual(["r0", "r1", "r2", "r3"]);
    expect(mostAtOnce(byLabel.values())).toBe(1);
  }, 120_000);
});

describe("worker processes on one Postgres world", () => {
  let postgres: PostgresServer;
  let databases = 0;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres?.stop());

  async function setup(extra: Record<string, string> = {}) {
    const url = await postgres.createDatabase(`conc_${++databases}`);
    const log = path.join(tmp, `pg-work-${databases}.log`);
    const env = {
      WORKFLOW_TARGET_WORLD: "postgres",
      WORKFLOW_POSTGRES_URL: url,
      // A killed worker's messages and step leases are taken over once they run out.
      WORKFLOW_POSTGRES_LEASE_MS: "1500",
      WORKFLOW_STEP_LEASE_MS: "1500",
      WORK_LOG: log,
      LIMIT: "2",
      ...extra,
    };
    return { env, log };
  }

  async function worker(env: Record<string, string>): Promise<Worker> {
    const started = spawn("worker.ts", env);
    await waitFor(
      "the worker to be ready",
      () => (started.stdout.includes("ready") ? true : undefined),
      started,
      60_000,
    );
    return started;
  }

  it("run at most `limit` runs of a key at once, and finish them all", async () => {
    const { env, log } = await setup({ RUNS: "10", WORK_MS: "150" });
    await Promise.all([worker(env), worker(env)]);
    const starter = spawn("start-limited.ts", env);
    const labels = Array.from({ length: 10 }, (_, i) => `r${i}`);
    expect(await resultsOf(starter)).toEqual(labels);
    const byLabel = await spans(log);
    expect([...byLabel.keys()].sort()).toEqual([...labels].sort());
    expect(mostAtOnce(byLabel.values())).toBe(2);
    // More than one process took part.
    const pids = new Set((await readLines(log)).map((line) => line.split(" ")[2]));
    expect(pids.size).toBeGreaterThan(1);
  }, 120_000);

  it("a worker killed with SIGKILL while its runs hold the slots: another finishes them and the line moves on", async () => {
    const { env, log } = await setup({ RUNS: "6", WORK_MS: "100" });
    // The victim starts the runs and is the only worker at first: it takes both slots, and its
    // steps block (its HOLD_FLAG never exists), so it is killed inside them.
    const victim = spawn("start-limited.ts", { ...env, HOLD_FLAG: path.join(tmp, "never") });
    const ids = await waitFor(
      "the run IDs",
      () => /^started (.*)$/m.exec(victim.stdout)?.[1],
      victim,
      60_000,
    );
    const held = await waitFor(
      "the victim inside two steps",
      async () => {
        const starts = await readLines(log);
        return starts.length === 2 ? starts.map((line) => line.split(" ")[1]!) : undefined;
      },
      victim,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const victimPid = String(victim.child.pid);
    // Both slots held by the victim's runs; the other runs wait in line.
    expect((await readLines(log)).map((line) => line.split(" ")[2])).toEqual([
      victimPid,
      victimPid,
    ]);
    await worker(env);
    await kill(victim);

    const finisher = spawn("finish.ts", { ...env, RUN_IDS: ids });
    const labels = Array.from({ length: 6 }, (_, i) => `r${i}`);
    expect(await resultsOf(finisher)).toEqual(labels);
    const ends = (await readLines(log)).filter((line) => line.startsWith("end "));
    expect(ends.map((line) => line.split(" ")[1]).sort()).toEqual(labels);
    expect(ends.filter((line) => line.split(" ")[2] === victimPid)).toEqual([]);
    for (const label of held)
      expect(ends.some((line) => line.startsWith(`end ${label} `))).toBe(true);
    expect(mostAtOnce((await spans(log)).values())).toBeLessThanOrEqual(2);
  }, 120_000);
});
