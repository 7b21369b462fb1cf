// What both sides share: workload sizes, flags, and how raw timings become the reported numbers.
// ours.mjs and published.mjs each print one JSON object of the shape `toResult` builds.

/**
 * Workload sizes. `--quick` is for smoke tests of the script, not for numbers. Per-step overhead
 * is measured at two run lengths because the published runtime's cost per step grows with the
 * run; the shorter one is the number the target is checked on.
 */
export const SIZES = {
  full: {
    seqSteps: 1000,
    window: 100,
    // The published runtime's long run slows down with every step; past this budget it is
    // ended and what ran is reported, marked as cut.
    seqBudgetMs: 120_000,
    perStep: [
      { steps: 10, reps: 9 },
      { steps: 100, reps: 3 },
    ],
    fanoutRuns: 50,
    stepsPerRun: 5,
    // Fan-outs measured, each in a fresh world; the median is reported. One fan-out lasts
    // 0.2 s on ours, and one sample of that is at the mercy of a GC or a slow flush.
    fanoutReps: 5,
    // A fan-out of this many runs before the measured one, on each side: its code paths (many
    // runs at once) are then compiled as in a process that has been serving for a while.
    warmupFanoutRuns: 20,
  },
  quick: {
    seqSteps: 200,
    window: 50,
    seqBudgetMs: 15_000,
    perStep: [
      { steps: 10, reps: 3 },
      { steps: 50, reps: 1 },
    ],
    fanoutRuns: 20,
    stepsPerRun: 5,
    fanoutReps: 1,
    warmupFanoutRuns: 5,
  },
};

/** Flags every side takes: --quick, --json (print only the JSON on stdout), plus extras. */
export function parseFlags(argv, extra = {}) {
  const flags = { quick: false, json: false, ...extra };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "quick" || name === "json") flags[name] = true;
    else if (argv[i].startsWith("--") && name in extra) flags[name] = argv[++i];
    else
      throw new Error(
        `unknown argument ${argv[i]} (flags: --quick, --json${Object.keys(extra)
          .map((k) => `, --${k} <value>`)
          .join("")})`,
      );
  }
  return { ...flags, sizes: flags.quick ? SIZES.quick : SIZES.full };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

const round = (value, digits = 3) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

/**
 * Time between steps from the times the steps ran at (each step returns its own start time):
 * the median gap between consecutive steps among the first `window` gaps and the last `window`.
 * `ratio` = last / first; flat is close to 1.
 */
export function summarizeSequential(times, window, extra = {}) {
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const first = gaps.slice(0, window);
  const last = gaps.slice(-window);
  const firstWindowMs = median(first);
  const lastWindowMs = median(last);
  // The curve: median gap in each tenth of the run, to see where any slowdown starts.
  const tenths = Array.from({ length: 10 }, (_, i) =>
    gaps.slice(Math.floor((i * gaps.length) / 10), Math.floor(((i + 1) * gaps.length) / 10)),
  );
  return {
    steps: times.length,
    window: Math.min(window, gaps.length),
    firstWindowMs: round(firstWindowMs),
    lastWindowMs: round(lastWindowMs),
    ratio: round(lastWindowMs / firstWindowMs),
    // Means too: a median hides pauses (GC, other processes) that a mean shows.
    firstWindowMeanMs: round(mean(first)),
    lastWindowMeanMs: round(mean(last)),
    totalMs: round(times.at(-1) - times[0], 1),
    byTenthMs: tenths.map((part) => (part.length > 0 ? round(median(part)) : null)),
    ...extra,
  };
}

/**
 * A CPU clock for this process (user + system, all threads): call the result for the CPU ms
 * used since. Less sensitive than wall time to other processes on a busy machine.
 */
export const startCpuClock = () => {
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
};

/**
 * Per-step overhead of an N-step run: the median over repetitions of (start to end) / N, in
 * wall time and in this process's CPU time. `samples` are { ms, cpuMs } per run.
 */
export function summarizePerStep(samples, steps) {
  return {
    steps,
    perStepMs: round(median(samples.map((s) => s.ms)) / steps),
    cpuPerStepMs: round(median(samples.map((s) => s.cpuMs)) / steps),
    samplesMs: samples.map((s) => round(s.ms, 1)),
  };
}

/**
 * Fan-out: each sample is `{ totalMs, cpuMs }`, from the first start() to the last run's end.
 * The median sample (by time) is reported, with runs and steps finished per second.
 */
export function summarizeFanout(samples, runs, stepsPerRun) {
  const sorted = [...samples].sort((a, b) => a.totalMs - b.totalMs);
  const { totalMs, cpuMs } = sorted[(sorted.length - 1) >> 1];
  return {
    runs,
    stepsPerRun,
    totalMs: round(totalMs, 1),
    cpuMs: round(cpuMs, 1),
    runsPerSec: round(runs / (totalMs / 1000), 2),
    stepsPerSec: Math.round((runs * stepsPerRun) / (totalMs / 1000)),
    samplesMs: samples.map((s) => round(s.totalMs, 1)),
  };
}

/**
 * The JSON a side prints. run.mjs reads `sequential`, `perStepMs` (from the shortest run),
 * `perStep` (one entry per run length) and `fanout`.
 */
export function toResult({ side, sequential, perStep, fanout, ...rest }) {
  return { side, sequential, perStepMs: perStep[0].perStepMs, perStep, fanout, ...rest };
}

/** Progress to stderr with a tag; stdout is kept for the result. */
export const createLog = (tag) => (message) => process.stderr.write(`[${tag}] ${message}\n`);

/** Prints the result (pretty unless --json) and exits once stdout has drained. */
export function emit(result, flags, code = 0) {
  const text = flags.json ? JSON.stringify(result) : JSON.stringify(result, null, 2);
  process.stdout.write(`${text}\n`, () => process.exit(code));
}
