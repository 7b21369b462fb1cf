/**
 * One chaos session on one world: worker processes (fixtures/worker.ts) one after another on
 * the same storage, each killed with SIGKILL at a moment a seeded PRNG picks after it reported
 * ready, and each starting new runs before it does, so kills land in every phase of the
 * workload (steps, appends, sleeps, hook resumes, stream writes, recovery). A last worker is
 * left alive until every run has ended, then exits on its own.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { kill, startWorker, waitFor, type Worker } from "../crash/worker.js";
import type { PlannedRun } from "./fixtures/plan.js";
import { createSeededRandom, drawBetween } from "./seeded-random.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

export interface ChaosSessionOptions {
  /** Added to every worker's environment: the world and where it keeps its data. */
  env: Record<string, string>;
  /** A folder for the session's own files (the list of runs handed to each worker). */
  stateDir: string;
  seed: number;
  kills: number;
  /** Runs each killed worker starts before it reports ready. */
  runsPerWorker: number;
  /** Fan-out width of every run. */
  width: number;
  /** A kill lands this many ms after the worker reported ready, drawn from the seed. */
  delayMs: { min: number; max: number };
  /** How long the last worker may take to end every run. */
  finalTimeoutMs: number;
}

/** A run as the session knows it once a worker started it. */
export type StartedRun = PlannedRun & { runId: string };

export interface KillRecord {
  pid: number;
  /** Epoch ms of the SIGKILL. */
  at: number;
  /** Its delay after the worker reported ready. */
  afterReadyMs: number;
}

export interface ChaosSessionResult {
  runs: StartedRun[];
  kills: KillRecord[];
  /** What the last worker printed: `result <key> <json>` for every run. */
  finalStdout: string;
  ms: number;
}

export async function runChaosSession(options: ChaosSessionOptions): Promise<ChaosSessionResult> {
  const random = createSeededRandom(options.seed);
  const runsFile = path.join(options.stateDir, "runs.json");
  const runs: StartedRun[] = [];
  const kills: KillRecord[] = [];
  const began = Date.now();
  const live = new Set<Worker>();
  try {
    for (let round = 0; ; round++) {
      const final = round === options.kills;
      const fresh = final
        ? []
        : Array.from({ length: options.runsPerWorker }, (_, i) => ({
            key: `r${runs.length + i}`,
            width: options.width,
          }));
      await writeFile(runsFile, JSON.stringify(runs));
      const worker = startWorker(FIXTURES, "worker.ts", {
        ...options.env,
        CHAOS_RUNS: runsFile,
        CHAOS_NEW: JSON.stringify(fresh),
        ...(final ? { CHAOS_EXIT_WHEN_DONE: "1" } : {}),
      });
      live.add(worker);
      await waitFor(
        `worker ${round} to be ready`,
        () => (/^ready$/m.test(worker.stdout) ? true : undefined),
        worker,
        60_000,
      );
      for (const [, key, runId] of worker.stdout.matchAll(/^started (\S+) (\S+)$/gm))
        runs.push({ key: key!, runId: runId!, width: options.width });

      if (final) {
        const code = await withTimeout(worker.exited, options.finalTimeoutMs, () =>
          describeStuck(worker, runs),
        );
        if (code !== 0) throw new Error(`The last worker exited with ${code}:\n${worker.stderr}`);
        live.delete(worker);
        return { runs, kills, finalStdout: worker.stdout, ms: Date.now() - began };
      }
      const afterReadyMs = drawBetween(random, options.delayMs.min, options.delayMs.max);
      await new Promise((resolve) => setTimeout(resolve, afterReadyMs));
      if (worker.child.exitCode !== null)
        throw new Error(
          `Worker ${round} exited (${worker.child.exitCode}) before its kill:\n${worker.stderr}`,
        );
      const at = Date.now();
      await kill(worker);
      live.delete(worker);
      kills.push({ pid: worker.child.pid!, at, afterReadyMs });
    }
  } finally {
    await Promise.all([...live].map((worker) => kill(worker)));
  }
}

/**
 * Runs one run to its end on the memory world, so that the workflow and step bundles are built
 * and in the cache (`env.WORKFLOW_CACHE_DIR`) before the session: a worker killed while it
 * builds them (a second or more) would leave the next one to build them again.
 */
export async function warmBundleCache(
  env: Record<string, string>,
  stateDir: string,
): Promise<void> {
  const runsFile = path.join(stateDir, "warm-up-runs.json");
  await writeFile(runsFile, "[]");
  const worker = startWorker(FIXTURES, "worker.ts", {
    ...env,
    WORKFLOW_TARGET_WORLD: "memory",
    CHAOS_RUNS: runsFile,
    CHAOS_NEW: JSON.stringify([{ key: "warm-up", width: 1 }]),
    CHAOS_EXIT_WHEN_DONE: "1",
  });
  const code = await withTimeout(
    worker.exited,
    60_000,
    () => `The warm-up worker did not end:\n${worker.stderr}`,
  );
  if (code !== 0 || !/^result warm-up /m.test(worker.stdout))
    throw new Error(`The warm-up worker exited with ${code}:\n${worker.stdout}${worker.stderr}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(describe())), ms);
    }),
  ]);
}

function describeStuck(worker: Worker, runs: StartedRun[]): string {
  const ended = new Set(
    [...worker.stdout.matchAll(/^(?:result|failed) (\S+) /gm)].map((m) => m[1]),
  );
  const pending = runs.filter((run) => !ended.has(run.key)).map((r) => `${r.key} (${r.runId})`);
  return `The last worker did not end every run; still open: ${pending.join(", ")}\n${worker.stderr}`;
}
