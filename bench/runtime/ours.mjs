// Our side of bench/runtime: the engine from dist/ (run `npm run build` first) on the memory or
// the file world, in this one process, running bench/runtime/workloads.ts. run.mjs spawns it
// once per world; it prints one JSON object on stdout, progress on stderr.
//
//   node bench/runtime/ours.mjs --world memory|file [--fsync on|off] [--quick] [--json]
//
// --fsync (file world): whether appends wait for fdatasync; default: the world's own default
// (on, unless WORKFLOW_FSYNC=0).
//
// If the engine cannot be loaded (not built yet, or a module missing), it prints
// { side: "ours", world, unavailable: "<reason>" } and exits 0, so the published numbers of the
// same run still print.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as measure from "./measure.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WORKLOADS_FILE = "./bench/runtime/workloads";
const flags = measure.parseFlags(process.argv.slice(2), { world: "memory", fsync: undefined });
const fsync = flags.fsync === undefined ? undefined : flags.fsync !== "off";
const log = measure.createLog(`ours:${flags.world}`);

const MODULES = {
  runtime: "dist/runtime/engine/runtime.js",
  worlds: "dist/runtime/worlds/index.js",
  api: "dist/runtime/api/index.js",
  bundles: "dist/integrations/bundling/bundle-source.js",
};

/** Loads the engine; returns a reason string instead when some part of it is not there. */
async function loadOurs() {
  const loaded = {};
  for (const [key, file] of Object.entries(MODULES)) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) return `${file} does not exist (run npm run build)`;
    try {
      loaded[key] = await import(full);
    } catch (error) {
      return `${file} failed to load: ${error?.message ?? error}`;
    }
  }
  const wanted = [
    ["runtime", "createRuntime"],
    ["worlds", "createMemoryWorld"],
    ["worlds", "createFileWorld"],
    ["api", "start"],
    ["bundles", "createBundleSource"],
  ];
  const missing = wanted.filter(([key, name]) => typeof loaded[key][name] !== "function");
  if (missing.length > 0) {
    return `missing exports: ${missing.map(([k, n]) => `${n} from ${MODULES[k]}`).join(", ")}`;
  }
  return loaded;
}

/** Says so when a source file under runtime/ or integrations/ is newer than the dist we load. */
function staleNote() {
  const newest = (dir) => {
    let latest = { file: undefined, mtimeMs: 0 };
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts"))
        continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      const { mtimeMs } = statSync(file);
      if (mtimeMs > latest.mtimeMs) latest = { file, mtimeMs };
    }
    return latest;
  };
  const sources = ["runtime", "integrations"].map((d) => newest(path.join(ROOT, d)));
  const source = sources.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  const built = Math.min(
    ...Object.values(MODULES).map((f) => statSync(path.join(ROOT, f)).mtimeMs),
  );
  if (source.mtimeMs <= built) return undefined;
  return `dist may be stale: ${path.relative(ROOT, source.file)} is newer than the build (npm run build)`;
}

/** start() needs only a function with a workflowId (what the client transform would attach). */
const workflow = (name) =>
  Object.assign(async () => {}, { workflowId: `workflow//${WORKLOADS_FILE}//${name}` });

const WORKFLOWS = { seq: workflow("seq"), trivial: workflow("trivial"), five: workflow("five") };

/** A fresh world and runtime per workload, so that no workload sees another's runs. */
function createSide(ours, bundles, dataRoot) {
  let count = 0;
  return async (label) => {
    const world =
      flags.world === "file"
        ? ours.worlds.createFileWorld({ dir: path.join(dataRoot, `${label}-${count++}`), fsync })
        : ours.worlds.createMemoryWorld();
    const runtime = ours.runtime.createRuntime({ world, bundles });
    await runtime.start();
    const run = async (wf, args) => {
      const cpu = measure.startCpuClock();
      const t0 = performance.now();
      const handle = await ours.api.start(wf, args, { runtime });
      const value = await handle.returnValue;
      return { ms: performance.now() - t0, cpuMs: cpu(), value };
    };
    return { runtime, run };
  };
}

async function perStep(fresh, sizes) {
  const { runtime, run } = await fresh("per-step");
  const results = [];
  for (const { steps, reps } of sizes.perStep) {
    const samples = [];
    for (let i = 0; i < reps; i++) {
      const { value, ...sample } = await run(WORKFLOWS.trivial, [steps]);
      if (value !== steps) throw new Error(`trivial(${steps}) returned ${value}`);
      samples.push(sample);
    }
    results.push(measure.summarizePerStep(samples, steps));
    log(`  trivial(${steps}): ${results.at(-1).perStepMs} ms per step`);
  }
  await runtime.close();
  return results;
}

/** `reps` fan-outs of `sizes.fanoutRuns` runs, each in a fresh world. */
async function fanout(fresh, sizes, reps) {
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const { runtime, run } = await fresh("fanout");
    const cpu = measure.startCpuClock();
    const t0 = performance.now();
    const runs = await Promise.all(
      Array.from({ length: sizes.fanoutRuns }, () => run(WORKFLOWS.five, [])),
    );
    samples.push({ totalMs: performance.now() - t0, cpuMs: cpu() });
    if (!runs.every((r) => r.value === sizes.stepsPerRun))
      throw new Error("fan-out: wrong results");
    await runtime.close();
  }
  return measure.summarizeFanout(samples, sizes.fanoutRuns, sizes.stepsPerRun);
}

async function sequential(fresh, sizes) {
  const { runtime, run } = await fresh("seq");
  const { ms, value: times } = await run(WORKFLOWS.seq, [sizes.seqSteps]);
  if (times.length !== sizes.seqSteps) throw new Error(`seq returned ${times.length} times`);
  await runtime.close();
  return measure.summarizeSequential(times, sizes.window, { runMs: Math.round(ms) });
}

async function main() {
  if (!["memory", "file"].includes(flags.world)) {
    throw new Error(`--world must be memory or file, got ${flags.world}`);
  }
  const ours = await loadOurs();
  if (typeof ours === "string") {
    log(`our side unavailable: ${ours}`);
    return { side: "ours", world: flags.world, unavailable: ours };
  }
  const stale = staleNote();
  if (stale) log(stale);
  const { sizes } = flags;
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), "wf-bench-ours-"));
  try {
    const bundles = ours.bundles.createBundleSource({ root: ROOT });
    const fresh = createSide(ours, bundles, dataRoot);
    log("warm-up (builds the workload bundles on first use)");
    await perStep(fresh, { perStep: [{ steps: 10, reps: 2 }] });
    await fanout(fresh, { ...sizes, fanoutRuns: sizes.warmupFanoutRuns }, 1);
    log(`per-step: ${sizes.perStep.map((p) => `${p.reps} x trivial(${p.steps})`).join(", ")}`);
    const perStepResult = await perStep(fresh, sizes);
    log(`fan-out: ${sizes.fanoutReps} x ${sizes.fanoutRuns} runs x ${sizes.stepsPerRun} steps`);
    const fanoutResult = await fanout(fresh, sizes, sizes.fanoutReps);
    log(`sequential: seq(${sizes.seqSteps})`);
    const sequentialResult = await sequential(fresh, sizes);
    return measure.toResult({
      side: "ours",
      world: flags.world,
      ...(flags.world === "file" && fsync !== undefined ? { fsync } : {}),
      sequential: sequentialResult,
      perStep: perStepResult,
      fanout: fanoutResult,
      ...(stale ? { note: stale } : {}),
      node: process.version,
    });
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().then(
  (result) => measure.emit(result, flags),
  (error) => {
    log(`failed: ${error?.stack ?? error}`);
    measure.emit(
      { side: "ours", world: flags.world, error: String(error?.message ?? error) },
      flags,
      1,
    );
  },
);
