// Fills a file-world data directory with finished one-step runs, as fast as one process of our
// runtime goes with `--concurrency` runs in flight, and reports the rate and this process's RSS
// at each checkpoint. run.mjs spawns it; it prints one JSON object on stdout, progress on stderr.
//
//   node bench/scale/fill.mjs --dir <data dir> --cache <bundle cache dir> --runs 100000 \
//     [--checkpoints 10000,50000,100000] [--concurrency 16] [--json]
//
// Run with node --expose-gc (run.mjs does) so that each checkpoint also reports RSS after a full
// collection.
import * as measure from "../runtime/measure.mjs";
import { ROOT, loadEngine, peakRssMb, rssMb, workflowRef } from "./engine.mjs";

const flags = measure.parseFlags(process.argv.slice(2), {
  dir: undefined,
  cache: undefined,
  runs: "100000",
  checkpoints: undefined,
  concurrency: "16",
});
const log = measure.createLog("scale:fill");
const ONE = workflowRef("bench/scale/workloads", "one");
const round = (value, digits = 1) => Number(value.toFixed(digits));

async function main() {
  if (!flags.dir || !flags.cache) throw new Error("--dir and --cache are required");
  const total = Number(flags.runs);
  const concurrency = Number(flags.concurrency);
  const checkpoints = (flags.checkpoints ?? String(total)).split(",").map(Number);
  if (!(total > 0) || !(concurrency > 0) || checkpoints.some((c) => !(c > 0 && c <= total))) {
    throw new Error(
      "--runs, --concurrency and --checkpoints must be positive, checkpoints <= runs",
    );
  }
  const engine = await loadEngine();
  if (typeof engine === "string") return { unavailable: engine };
  const bundles = engine.createBundleSource({ root: ROOT, cacheDir: flags.cache });
  const runtime = engine.createRuntime({
    world: engine.createFileWorld({ dir: flags.dir }),
    bundles,
  });
  await runtime.start();

  // The first run builds the bundles into the cache (the restarts later find them there); it
  // is not counted.
  const warm = await engine.start(ONE, [-1], { runtime });
  if ((await warm.returnValue) !== -1) throw new Error("the warm-up run returned a wrong value");

  const points = [];
  const cpu = measure.startCpuClock();
  const t0 = performance.now();
  let last = { runs: 0, at: t0 };
  let next = 0;
  let done = 0;
  const progressEvery = Math.max(1000, Math.round(total / 20));
  const checkpoint = () => {
    const at = performance.now();
    // RSS as found, then after a full collection (with --expose-gc): what the runs left behind,
    // without the garbage that happens to be waiting for the collector, which swings RSS by
    // hundreds of MB here.
    const rssBeforeGcMb = round(rssMb());
    globalThis.gc?.();
    points.push({
      runs: done,
      elapsedMs: Math.round(at - t0),
      runsPerSec: round(done / ((at - t0) / 1000)),
      // Since the previous checkpoint: shows a fill that slows down as the directory grows.
      windowRunsPerSec: round((done - last.runs) / ((at - last.at) / 1000)),
      cpuMs: Math.round(cpu()),
      rssBeforeGcMb,
      rssMb: round(rssMb()),
      heapUsedMb: round(process.memoryUsage().heapUsed / 2 ** 20),
      afterGc: typeof globalThis.gc === "function",
    });
    const p = points.at(-1);
    log(
      `${done} runs: ${p.windowRunsPerSec} runs/s, RSS ${p.rssMb} MB (${p.rssBeforeGcMb} before GC), heap ${p.heapUsedMb} MB`,
    );
    last = { runs: done, at: performance.now() };
  };
  const lane = async () => {
    while (next < total) {
      const i = next++;
      const run = await engine.start(ONE, [i], { runtime });
      const value = await run.returnValue;
      if (value !== i) throw new Error(`run ${run.runId} returned ${value}, expected ${i}`);
      done++;
      if (checkpoints.includes(done)) checkpoint();
      else if (done % progressEvery === 0) log(`${done} runs`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const totalMs = performance.now() - t0;
  await runtime.close();
  return {
    runs: total,
    concurrency,
    totalMs: Math.round(totalMs),
    runsPerSec: round(total / (totalMs / 1000)),
    checkpoints: points,
    peakRssMb: round(peakRssMb()),
    node: process.version,
  };
}

main().then(
  (result) => measure.emit(result, flags),
  (error) => {
    log(`failed: ${error?.stack ?? error}`);
    measure.emit({ error: String(error?.message ?? error) }, flags, 1);
  },
);
