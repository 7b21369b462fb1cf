// A restart on a filled data directory, in a fresh process: how long from this process's start
// (and from createRuntime) until a new run has completed, this process's RSS then, and how long
// listing the newest page of runs takes. run.mjs spawns it on the filled directory and on an
// empty one (the baseline); it prints one JSON object on stdout, progress on stderr.
//
//   node bench/scale/restart.mjs --dir <data dir> --cache <bundle cache dir> [--json]
//
// The bundle cache is the one the fill wrote, so the restart builds nothing (as a deployed
// process whose bundles are cached).
import * as measure from "../runtime/measure.mjs";
import { ROOT, loadEngine, peakRssMb, rssMb, workflowRef } from "./engine.mjs";

const flags = measure.parseFlags(process.argv.slice(2), { dir: undefined, cache: undefined });
const log = measure.createLog("scale:restart");
const ONE = workflowRef("bench/scale/workloads", "one");
const LIST_CALLS = 5;
const PAGE = 50;
const round = (value, digits = 1) => Number(value.toFixed(digits));

async function main() {
  if (!flags.dir || !flags.cache) throw new Error("--dir and --cache are required");
  // performance.now() counts from the process's time origin, which Node sets as it starts.
  const engine = await loadEngine();
  if (typeof engine === "string") return { unavailable: engine };
  const loadedAt = performance.now();
  const world = engine.createFileWorld({ dir: flags.dir });
  const runtime = engine.createRuntime({
    world,
    bundles: engine.createBundleSource({ root: ROOT, cacheDir: flags.cache }),
  });
  await runtime.start();
  const startedAt = performance.now();
  const run = await engine.start(ONE, [42], { runtime });
  const value = await run.returnValue;
  const firstRunAt = performance.now();
  if (value !== 42) throw new Error(`run ${run.runId} returned ${value}`);
  const rssAtFirstRunMb = round(rssMb());
  log(
    `first new run completed ${round(firstRunAt)} ms after process start (${round(firstRunAt - loadedAt)} ms after createRuntime), RSS ${rssAtFirstRunMb} MB`,
  );

  const listMs = [];
  let page;
  for (let i = 0; i < LIST_CALLS; i++) {
    const t0 = performance.now();
    page = await world.listRuns({ limit: PAGE });
    listMs.push(performance.now() - t0);
  }
  // Newest first: the run just made is the head of the page.
  if (page.runs[0]?.runId !== run.runId) {
    throw new Error(`listRuns did not put the newest run first: ${page.runs[0]?.runId}`);
  }
  await runtime.close();
  return {
    dir: flags.dir,
    importMs: round(loadedAt),
    worldStartMs: round(startedAt - loadedAt),
    firstRunMs: round(firstRunAt - startedAt),
    fromProcessStartMs: round(firstRunAt),
    fromCreateRuntimeMs: round(firstRunAt - loadedAt),
    rssAtFirstRunMb,
    peakRssMb: round(peakRssMb()),
    list: {
      limit: PAGE,
      returned: page.runs.length,
      firstCallMs: round(listMs[0], 2),
      medianMs: round(measure.median(listMs), 2),
      callsMs: listMs.map((ms) => round(ms, 2)),
    },
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
