/**
 * Idempotent start across processes (`node --import workflow/register`): on the file world a
 * start with a key in a new process (the app restarted) returns the run an earlier process made;
 * on Postgres, two worker processes racing starts with one key make exactly one run.
 */
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPostgresWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, kill, startWorker, waitFor, type Worker } from "../crash/worker.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

let tmp: string;
let cacheDir: string;
let postgres: PostgresServer;
const workers: Worker[] = [];

beforeAll(async () => {
  ensureBuilt();
  postgres = await startPostgres();
  tmp = await mkdtemp(path.join(tmpdir(), "wf-idem-proc-"));
  cacheDir = path.join(tmp, "cache");
}, 60_000);
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => kill(worker)));
});
afterAll(async () => {
  await postgres?.stop();
  await rm(tmp, { recursive: true, force: true });
});

function spawn(env: Record<string, string>): Worker {
  const worker = startWorker(FIXTURES, "start-keyed.ts", {
    WORKFLOW_ROOT: FIXTURES,
    WORKFLOW_CACHE_DIR: cacheDir,
    ...env,
  });
  workers.push(worker);
  return worker;
}

/** The `run <id> <existing> <argsMatch>` lines and the result of a finished start-keyed.ts. */
async function outputOf(worker: Worker): Promise<{ runs: string[][]; result: unknown }> {
  const result = await waitFor(
    "the run's result",
    () => /^result (.*)$/m.exec(worker.stdout)?.[1],
    worker,
    60_000,
  );
  const runs = [...worker.stdout.matchAll(/^run (\S+) (\S+) (\S+)$/gm)].map((m) => m.slice(1));
  return { runs, result: JSON.parse(result) };
}

describe("idempotent start across processes", () => {
  it("file world: a new process gets the run an earlier one made with the key", async () => {
    const env = { WORKFLOW_TARGET_WORLD: "file", WORKFLOW_DATA_DIR: path.join(tmp, "data") };
    const first = await outputOf(spawn({ ...env, KEY: "order:1001" }));
    expect(first.result).toBe("hello ada");
    const [runId, existing] = first.runs[0]!;
    expect(existing).toBe("false");

    const again = await outputOf(spawn({ ...env, KEY: "order:1001" }));
    expect(again.runs).toEqual([[runId, "true", "true"]]);
    expect(again.result).toBe("hello ada");
    const mismatch = await outputOf(spawn({ ...env, KEY: "order:1001", NAME: "bob" }));
    expect(mismatch.runs).toEqual([[runId, "true", "false"]]);

    const other = await outputOf(spawn({ ...env, KEY: "order:1002", NAME: "bob" }));
    expect(other.runs[0]![0]).not.toBe(runId);
    expect(other.result).toBe("hello bob");
  }, 120_000);

  it("Postgres: two worker processes racing starts with one key make exactly one run", async () => {
    const url = await postgres.createDatabase("idem_race");
    const go = path.join(tmp, "go");
    const env = {
      WORKFLOW_TARGET_WORLD: "postgres",
      WORKFLOW_POSTGRES_URL: url,
      KEY: "race",
      STARTS: "10",
      GO_FILE: go,
    };
    const pair = [spawn(env), spawn(env)];
    for (const worker of pair)
      await waitFor(
        "the worker to be ready",
        () => (worker.stdout.includes("ready") ? true : undefined),
        worker,
        60_000,
      );
    await writeFile(go, "");
    const outputs = await Promise.all(pair.map(outputOf));

    const runs = outputs.flatMap((output) => output.runs);
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map(([runId]) => runId)).size).toBe(1);
    expect(runs.filter(([, existing]) => existing === "false")).toHaveLength(1);
    for (const output of outputs) expect(output.result).toBe("hello ada");
    const world = createPostgresWorld({ connectionString: url });
    await world.start();
    try {
      expect((await world.listRuns()).runs.map((run) => run.runId)).toEqual([runs[0]![0]]);
    } finally {
      await world.close();
    }
  }, 120_000);
});
