// Our side of bench/postgres: the engine from dist/ (run `npm run build` first) on our Postgres
// world, with `--workers` processes on one database: this driver, which works the queue too,
// and workers - 1 more (this script with --role worker). Runs bench/runtime/workloads.ts and
// prints one JSON object on stdout, progress on stderr.
//
//   node bench/postgres/ours.mjs --url <postgres url> [--workers 1|3] [--quick] [--json]
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as measure from "../runtime/measure.mjs";
import { ROOT, loadEngine, staleNote, workflowRef } from "../scale/engine.mjs";
import * as drive from "./drive.mjs";

const SCRIPT = fileURLToPath(import.meta.url);
const flags = drive.parseFlags(process.argv.slice(2));
const log = measure.createLog(
  `ours:${flags.role === "worker" ? `worker ${process.pid}` : `${flags.workers}w`}`,
);
// Every process builds the workload bundles once into the same cache; later ones reuse them.
const CACHE_DIR = path.join(ROOT, "node_modules/.cache/workflow-bench/bundles");

async function createSide(engine) {
  const world = engine.createPostgresWorld({ connectionString: flags.url });
  const runtime = engine.createRuntime({
    world,
    bundles: engine.createBundleSource({ root: ROOT, cacheDir: CACHE_DIR }),
  });
  await runtime.start();
  const end = drive.createEndWatcher((runId) => world.getRun(runId));
  return {
    runtime,
    start: (name, args) =>
      engine.start(workflowRef("bench/runtime/workloads", name), args, { runtime }),
    end: async (run) => {
      await run.returnValue.catch(() => {});
      return end(run.runId);
    },
  };
}

async function main() {
  const engine = await loadEngine();
  if (typeof engine === "string") return { side: "ours", unavailable: engine };
  const side = await createSide(engine);
  if (flags.role === "worker") {
    // A message our world's consumer enqueues with room to spare runs in that process, so the
    // warm-up's runs all stay in the driver: each worker runs one of its own to load the bundles.
    await side.end(await side.start("trivial", [1]));
    drive.serveUntilTerminated(() => side.runtime.close());
    return undefined;
  }
  const stale = staleNote();
  if (stale) log(stale);
  // One run first, so that the bundles are in the cache before the other workers start.
  await side.end(await side.start("trivial", [1]));
  const workers = await drive.startWorkers(SCRIPT, flags, flags.workers - 1, log);
  try {
    const result = await drive.runWorkloads(side, flags, log);
    return { side: "ours", workers: flags.workers, ...result, ...(stale ? { note: stale } : {}) };
  } finally {
    await workers.stop();
    await side.runtime.close();
  }
}

main().then(
  (result) => result && measure.emit(result, flags),
  (error) => {
    log(`failed: ${error?.stack ?? error}`);
    measure.emit({ side: "ours", error: String(error?.message ?? error) }, flags, 1);
  },
);
