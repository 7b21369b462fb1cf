/**
 * Two worker processes (`node --import workflow/register`) on one Postgres world, their tickers
 * on one clock the test moves (a file they read): each tick of a schedule starts one run, however
 * many workers see it.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createPostgresWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, kill, startWorker, waitFor, type Worker } from "../crash/worker.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const MINUTE = 60_000;
/** Far ahead of the real time, so that the default runtimes' tickers never find a tick due. */
const T0 = Date.parse("2031-01-01T00:00:30Z");

let tmp: string;
let postgres: PostgresServer;
const workers: Worker[] = [];
beforeAll(async () => {
  ensureBuilt();
  postgres = await startPostgres();
  tmp = await mkdtemp(path.join(tmpdir(), "wf-sched-workers-"));
}, 60_000);
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker)));
});
afterAll(async () => {
  await postgres?.stop();
  await rm(tmp, { recursive: true, force: true });
});

it("two Postgres worker processes start each tick's run once", async () => {
  const url = await postgres.createDatabase("sched_processes");
  const clockFile = path.join(tmp, "clock");
  await writeFile(clockFile, String(T0));
  const env = {
    WORKFLOW_TARGET_WORLD: "postgres",
    WORKFLOW_POSTGRES_URL: url,
    WORKFLOW_ROOT: FIXTURES,
    WORKFLOW_CACHE_DIR: path.join(tmp, "cache"),
    CLOCK_FILE: clockFile,
  };
  for (let i = 0; i < 2; i++) workers.push(startWorker(FIXTURES, "schedule-worker.ts", env));
  for (const worker of workers)
    await waitFor(
      "the worker",
      () => (worker.stdout.includes("ready") ? true : undefined),
      worker,
      60_000,
    );

  const world = createPostgresWorld({ connectionString: url });
  await world.start();
  try {
    const keys = async () =>
      (await world.listRuns({ limit: 1000 })).runs.map((run) => run.idempotencyKey).sort();
    const N = 6;
    const expected: string[] = [];
    for (let i = 1; i <= N; i++) {
      const tick = T0 - 30_000 + i * MINUTE;
      await writeFile(clockFile, String(tick + 1_000));
      expected.push(`schedule:every-minute:${tick}`);
      await waitFor("the tick's run", async () => ((await keys()).length === i ? true : undefined));
      // Both tickers have looked at this time several times over.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(await keys()).toEqual(expected.sort());
    await waitFor("every run to complete", async () =>
      (await world.listRuns({ status: "completed", limit: 1000 })).runs.length === N
        ? true
        : undefined,
    );
  } finally {
    await world.close();
  }
}, 120_000);
