// What both sides of bench/postgres run, and how: sizes, flags, worker processes, and the
// workloads timed from the run timestamps the world stores. A side is
//   { start(name, args) -> handle, end(handle) -> { status, createdAt, completedAt } (epoch ms) }
// and works the same whether this process or another worker process executes the run.
import { spawn } from "node:child_process";
import * as measure from "../runtime/measure.mjs";

/** Sizes: per-step at two run lengths, and fan-outs. `--quick` is for testing the script. */
export const SIZES = {
  full: {
    perStep: [
      { steps: 10, reps: 9 },
      { steps: 100, reps: 3 },
    ],
    fanoutRuns: 50,
    stepsPerRun: 5,
    // Fan-outs measured; the median is reported (as bench/runtime does: one sample swings).
    fanoutReps: 5,
  },
  quick: {
    perStep: [
      { steps: 10, reps: 3 },
      { steps: 100, reps: 1 },
    ],
    fanoutRuns: 20,
    stepsPerRun: 5,
    fanoutReps: 1,
  },
};

/** Flags of ours.mjs and published.mjs. */
export function parseFlags(argv) {
  const flags = measure.parseFlags(argv, { url: undefined, workers: "1", role: "driver" });
  if (!flags.url) throw new Error("--url <postgres connection string> is required");
  const workers = Number(flags.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers must be >= 1");
  if (!["driver", "worker"].includes(flags.role)) throw new Error("--role is driver or worker");
  return { ...flags, workers, sizes: flags.quick ? SIZES.quick : SIZES.full };
}

/**
 * Starts `count` more processes of `script` with `--role worker` (each prints "ready" once it
 * consumes the queue) and resolves when all are ready; `stop()` ends them with SIGTERM.
 */
export async function startWorkers(script, flags, count, log) {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [script, "--url", flags.url, "--role", "worker"], {
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve, reject) => {
          let out = "";
          child.stdout.on("data", (chunk) => {
            out += chunk;
            if (out.includes("ready")) resolve();
          });
          child.on("exit", (code) => reject(new Error(`worker ${child.pid} exited (${code})`)));
        }),
    ),
  );
  log(`${count} more worker process(es) ready: ${children.map((c) => c.pid).join(", ")}`);
  return {
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.removeAllListeners("exit");
              child.on("exit", resolve);
              child.kill("SIGTERM");
              setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
            }),
        ),
      );
    },
  };
}

/** A worker process: runs `close` on SIGTERM, then exits. */
export function serveUntilTerminated(close) {
  process.stdout.write("ready\n");
  const keepAlive = setInterval(() => {}, 1 << 30);
  process.once("SIGTERM", async () => {
    clearInterval(keepAlive);
    try {
      await close();
    } finally {
      process.exit(0);
    }
  });
}

async function timed(side, name, args) {
  const handle = await side.start(name, args);
  const end = await side.end(handle);
  if (end.status !== "completed") throw new Error(`a ${name} run ended ${end.status}`);
  return end;
}

/** Per-step overhead: (completedAt - createdAt) / steps, median over `reps` sequential runs. */
export async function perStep(side, sizes, log) {
  const results = [];
  for (const { steps, reps } of sizes.perStep) {
    const samples = [];
    for (let i = 0; i < reps; i++) {
      const end = await timed(side, "trivial", [steps]);
      samples.push(end.completedAt - end.createdAt);
    }
    const perStepMs = measure.median(samples) / steps;
    results.push({ steps, perStepMs: Number(perStepMs.toFixed(3)), samplesMs: samples });
    log(`  trivial(${steps}): ${perStepMs.toFixed(2)} ms per step`);
  }
  return results;
}

/**
 * Fan-out: `runs` runs of five() started at once, from the first run created to the last done;
 * `fanoutReps` times, the median reported.
 */
export async function fanout(side, sizes) {
  const samples = [];
  for (let i = 0; i < sizes.fanoutReps; i++) {
    const handles = await Promise.all(
      Array.from({ length: sizes.fanoutRuns }, () => side.start("five", [])),
    );
    const ends = await Promise.all(handles.map((h) => side.end(h)));
    const failed = ends.filter((e) => e.status !== "completed");
    if (failed.length > 0) throw new Error(`${failed.length} fan-out runs did not complete`);
    samples.push(
      Math.max(...ends.map((e) => e.completedAt)) - Math.min(...ends.map((e) => e.createdAt)),
    );
  }
  const totalMs = measure.median(samples);
  return {
    runs: sizes.fanoutRuns,
    stepsPerRun: sizes.stepsPerRun,
    totalMs,
    runsPerSec: Number((sizes.fanoutRuns / (totalMs / 1000)).toFixed(2)),
    samplesMs: samples,
  };
}

/** Warm-up (not counted): a few runs, some at once so that every worker process takes part. */
export async function warmUp(side) {
  await timed(side, "trivial", [10]);
  await Promise.all(Array.from({ length: 6 }, () => timed(side, "five", [])));
}

/** Runs the warm-up and the workloads on `side`; returns the numbers. */
export async function runWorkloads(side, flags, log) {
  log("warm-up");
  await warmUp(side);
  const { sizes } = flags;
  log(`per-step: ${sizes.perStep.map((p) => `${p.reps} x trivial(${p.steps})`).join(", ")}`);
  const perStepResult = await perStep(side, sizes, log);
  log(`fan-out: ${sizes.fanoutReps} x ${sizes.fanoutRuns} runs x ${sizes.stepsPerRun} steps`);
  const fanoutResult = await fanout(side, sizes);
  log(`  ${fanoutResult.totalMs} ms, ${fanoutResult.runsPerSec} runs/s`);
  return { perStep: perStepResult, fanout: fanoutResult };
}

const ENDED = new Set(["completed", "failed", "cancelled"]);

/**
 * Waits for runs to end by reading them from the world, one read at a time (every pending run,
 * then a pause of `ms`), so that waiting adds the same small load on both sides however many
 * runs are pending. `read(runId)` gives { status, createdAt, completedAt } or null. The timings
 * come from the stored timestamps, so the pause delays only what the driver does next.
 */
export function createEndWatcher(read, ms = 20) {
  const pending = new Map();
  let looping = false;
  const loop = async () => {
    looping = true;
    try {
      while (pending.size > 0) {
        for (const [runId, waiter] of [...pending]) {
          const run = await read(runId);
          if (run && ENDED.has(run.status)) {
            pending.delete(runId);
            waiter.resolve(run);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    } catch (error) {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    } finally {
      looping = false;
    }
  };
  return (runId) =>
    new Promise((resolve, reject) => {
      pending.set(runId, { resolve, reject });
      if (!looping) void loop();
    });
}
