/**
 * Issue 10 item 7: faults survived. A mixed workload (sequential steps, a fan-out, sleeps, hooks
 * resumed from outside the workflow, steps writing to the run's output stream) runs on the file
 * world and on Postgres while SIGKILL hits the worker at seeded random moments, a new process
 * taking over each time. Then every run completed with the right result, no step completed
 * twice, no acknowledged chunk was lost or doubled, and the storage reloads cleanly.
 *
 * `npm test` runs a short session (CHAOS_KILLS, default 7); `npm run chaos` runs 30 kills and
 * takes a seed to replay a failure: `npm run chaos -- --seed <n>` (see scripts/chaos.mjs).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFileWorld,
  createPostgresWorld,
  type StoredEvent,
  type World,
} from "../../runtime/worlds/index.js";
import { ensureBuilt } from "../crash/worker.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";
import { checkWorld, emptyFigures } from "./chaos-check.js";
import { expectedResult } from "./fixtures/plan.js";
import { classifyKills } from "./kill-moments.js";
import { type ChaosSessionResult, runChaosSession, warmBundleCache } from "./chaos-session.js";

const KILLS = Number(process.env.CHAOS_KILLS) || 7;
/**
 * The seed of the kill moments: fixed in `npm test` (CI runs the same moments each time; the
 * machine's timing still varies where they land), a new one each time under `npm run chaos`
 * (scripts/chaos.mjs picks it), or CHAOS_SEED=random. It is printed, and a failure names it.
 */
const SEED =
  process.env.CHAOS_SEED === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.CHAOS_SEED) || 20261204;
/** Kill delays after a worker reported ready, in ms: `min-max`. */
const [DELAY_MIN, DELAY_MAX] = (process.env.CHAOS_DELAY_MS ?? "20-400").split("-").map(Number) as [
  number,
  number,
];
const WORLDS = (process.env.CHAOS_WORLDS ?? "file,postgres").split(",");
/** Worker start-up (~1 s) and the kill delay per round, plus the last worker's time. */
const TIMEOUT_MS = 40_000 + KILLS * 4_000;

let tmp: string;
let cacheDir: string;

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(tmpdir(), "wf-chaos-"));
  // Shared by every worker: the bundles are built once, before any kill.
  cacheDir = path.join(tmp, "cache");
  await warmBundleCache(workerEnv(), tmp);
}, 60_000);

/** What every worker gets: where the workflows are and where their bundles are cached. */
function workerEnv(): Record<string, string> {
  return {
    WORKFLOW_ROOT: path.join(import.meta.dirname, "fixtures"),
    WORKFLOW_CACHE_DIR: cacheDir,
  };
}

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function session(name: string, env: Record<string, string>): Promise<ChaosSessionResult> {
  const stateDir = await mkdtemp(path.join(tmp, `${name}-`));
  return runChaosSession({
    env: { ...workerEnv(), ...env },
    stateDir,
    seed: SEED,
    kills: KILLS,
    runsPerWorker: 1,
    width: 3,
    delayMs: { min: DELAY_MIN, max: DELAY_MAX },
    finalTimeoutMs: 60_000,
  });
}

/** Opens `world` afresh, checks it, and prints the figures (also when a check fails). */
async function checkAndReport(name: string, world: World, result: ChaosSessionResult) {
  const figures = emptyFigures(result.runs.length);
  const logs: StoredEvent[][] = [];
  await world.start();
  try {
    await checkWorld(world, result.runs, figures, logs);
  } finally {
    await world.close();
    const moments = classifyKills(
      result.kills.map((kill) => kill.at),
      logs,
    );
    console.log(
      `chaos ${name}: seed ${SEED}, kills ${result.kills.length} ${DELAY_MIN}-${DELAY_MAX} ms after ready (in a step ${moments.inStep}, ` +
        `in a sleep ${moments.inSleep}, awaiting a hook ${moments.awaitingHook}, other ${moments.other}), ` +
        `runs ${figures.runs}, steps ${figures.steps} (${figures.retriedAttempts} attempts again after a kill, ` +
        `at most ${figures.mostAttempts} for one step), ` +
        `sleeps ${figures.sleeps}, hooks resumed ${figures.hooksResumed}, ` +
        `chunks acknowledged ${figures.chunksAcknowledged} (+${figures.chunksFromKilledAttempts} from killed attempts), ` +
        `duplicates: ${figures.duplicates}, lost: ${figures.lost}, ${(result.ms / 1000).toFixed(1)} s`,
    );
  }
  expect(result.kills).toHaveLength(KILLS);
  // What `getRun(runId).returnValue` gave the last worker, through the public API.
  for (const run of result.runs) {
    const line = new RegExp(`^result ${run.key} (.*)$`, "m").exec(result.finalStdout)?.[1];
    expect
      .soft(line && JSON.parse(line), `returnValue of run ${run.key}`)
      .toMatchObject(expectedResult(run));
  }
  expect(figures.duplicates).toBe(0);
  expect(figures.lost).toBe(0);
}

describe.runIf(WORLDS.includes("file"))(`chaos on the file world (seed ${SEED})`, () => {
  it(
    `survives ${KILLS} SIGKILLs`,
    async () => {
      const dir = path.join(tmp, "file-data");
      const result = await session("file", {
        WORKFLOW_TARGET_WORLD: "file",
        WORKFLOW_DATA_DIR: dir,
      });
      // The world makes quarantine/ at start; nothing may have been set aside in it.
      const quarantine = path.join(dir, "quarantine");
      const reasons = existsSync(quarantine)
        ? readdirSync(quarantine)
            .filter((name) => name.endsWith(".json"))
            .map((name) => readFileSync(path.join(quarantine, name), "utf8"))
        : [];
      expect(reasons, "runs set aside in quarantine/").toEqual([]);
      await checkAndReport("file", createFileWorld({ dir }), result);
    },
    TIMEOUT_MS,
  );
});

describe.runIf(WORLDS.includes("postgres"))(`chaos on Postgres (seed ${SEED})`, () => {
  let postgres: PostgresServer;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it(
    `survives ${KILLS} SIGKILLs`,
    async () => {
      const url = await postgres.createDatabase("chaos");
      const result = await session("postgres", {
        WORKFLOW_TARGET_WORLD: "postgres",
        WORKFLOW_POSTGRES_URL: url,
        // A killed worker's queue messages and step leases are taken over once these run out.
        WORKFLOW_POSTGRES_LEASE_MS: "1000",
        WORKFLOW_STEP_LEASE_MS: "1500",
      });
      await checkAndReport("postgres", createPostgresWorld({ connectionString: url }), result);
    },
    TIMEOUT_MS,
  );
});
