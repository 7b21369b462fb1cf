// The published side of bench/runtime: workflow@4.8.9 on its local world (world-local, file
// backed), headless, in this one process. run.mjs spawns it as a child so that the published
// package's globals never meet ours; it prints one JSON object on stdout, progress on stderr.
//
//   node bench/runtime/published.mjs [--quick] [--json] [--transport direct|http]
//
// The host is what reference/anchor-bench.md describes: the builder's flow.js and step.js
// (CommonJS) served by a node:http server on 127.0.0.1. With --transport direct (the default)
// the local queue calls those handlers in-process (world-local's registerHandler), the same
// shape as our engine; with --transport http every delivery is a POST to that server.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_DIR, ANCHOR_DIR, ensureAnchor } from "./anchor.mjs";
import * as measure from "./measure.mjs";

const log = measure.createLog("published");
const flags = measure.parseFlags(process.argv.slice(2), { transport: "direct" });
if (!["direct", "http"].includes(flags.transport)) {
  throw new Error(`--transport must be direct or http, got ${flags.transport}`);
}
// stdout carries the result only; anything the published runtime logs goes to stderr.
for (const level of ["log", "info", "debug"]) console[level] = console.error;

const RUN_ENDS = new Set(["run_completed", "run_failed", "run_cancelled"]);

async function loadPublished() {
  const require = createRequire(path.join(ANCHOR_DIR, "package.json"));
  const load = (specifier) => import(pathToFileURL(require.resolve(specifier)).href);
  const [runtime, api, local, devalue] = await Promise.all([
    load("workflow/runtime"),
    load("workflow/api"),
    load("@workflow/world-local"),
    load("devalue"),
  ]);
  const flow = require(path.join(BUILD_DIR, "flow.js"));
  const step = require(path.join(BUILD_DIR, "step.js"));
  // A step result as stored: the 4-byte format tag "devl", then devalue.stringify(value).
  const decode = (bytes) => devalue.parse(Buffer.from(bytes).subarray(4).toString("utf8"));
  return { runtime, api, createLocalWorld: local.createLocalWorld, decode, flow, step };
}

/** Turns a node:http request into a Web Request for a generated handler and sends its Response. */
function serve(routes) {
  return createServer(async (req, res) => {
    const handler = routes[new URL(req.url ?? "/", "http://127.0.0.1").pathname];
    if (!handler || req.method !== "POST") return res.writeHead(404).end();
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    try {
      const url = `http://127.0.0.1${req.url}`;
      const response = await handler(
        new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      log(`handler failed: ${error?.stack ?? error}`);
      res.writeHead(500).end();
    }
  });
}

/**
 * A fresh local world in its own data dir, installed as the process world (the bundles and
 * workflow/api find it through a globalThis cache). Its events.create is wrapped to see each
 * step result (the `stamp` step's time) and each run's end as they are written: nothing polls.
 */
async function freshWorld(pub, dataDir) {
  const world = pub.createLocalWorld({ dataDir, recoverActiveRuns: false });
  // runId -> { ended, resolve }, made by whichever comes first: start() or the run's end.
  const ends = new Map();
  const endOf = (runId) => {
    let entry = ends.get(runId);
    if (!entry) {
      entry = {};
      entry.ended = new Promise((resolve) => (entry.resolve = resolve));
      ends.set(runId, entry);
    }
    return entry;
  };
  const stamps = new Map();
  const create = world.events.create.bind(world.events);
  world.events = {
    ...world.events,
    async create(runId, data, params) {
      const result = await create(runId, data, params);
      if (data?.eventType === "step_completed") {
        const value = pub.decode(data.eventData.result);
        if (typeof value === "number") {
          if (!stamps.has(runId)) stamps.set(runId, []);
          stamps.get(runId).push(value);
        }
      } else if (RUN_ENDS.has(data?.eventType)) {
        endOf(runId).resolve({ type: data.eventType, at: performance.now() });
      }
      return result;
    },
  };
  pub.runtime.setWorld(world);
  await world.start();
  if (flags.transport === "direct") {
    world.registerHandler("__wkf_workflow_", pub.flow.POST);
    world.registerHandler("__wkf_step_", pub.step.POST);
  }
  const start = async (workflowId, args) => {
    const run = await pub.api.start({ workflowId }, args, { world });
    return { run, ended: endOf(run.runId).ended };
  };
  return { world, start, stamps };
}

/** Waits for a run's end (at = performance.now() when it was recorded); throws unless completed. */
async function finished({ run, ended }, deadline = Infinity) {
  const timeout = new Promise((resolve) => {
    const ms = deadline - performance.now();
    if (Number.isFinite(ms))
      setTimeout(() => resolve({ type: "timeout" }), Math.max(0, ms)).unref();
  });
  const end = await Promise.race([ended, timeout]);
  if (end.type === "run_completed") return end.at;
  if (end.type === "timeout") return undefined;
  const status = await run.status;
  throw new Error(`run ${run.runId} ended with ${end.type} (status ${status})`);
}

async function sequential(pub, ids, sizes, dataDir) {
  const w = await freshWorld(pub, dataDir);
  const t0 = performance.now();
  const handle = await w.start(ids.seq, [sizes.seqSteps]);
  const end = await finished(handle, t0 + sizes.seqBudgetMs);
  if (end !== undefined) {
    const times = await handle.run.returnValue;
    if (times.length !== sizes.seqSteps) throw new Error(`seq returned ${times.length} times`);
    return measure.summarizeSequential(times, sizes.window, { runMs: Math.round(end - t0) });
  }
  // Over budget: the steps that ran, with the times they returned (from their step_completed
  // events). The run is left unfinished; the process exits soon after.
  const times = w.stamps.get(handle.run.runId) ?? [];
  log(`seq(${sizes.seqSteps}) cut after ${sizes.seqBudgetMs / 1000} s, at step ${times.length}`);
  return measure.summarizeSequential(times, sizes.window, {
    cut: `${times.length} of ${sizes.seqSteps} steps ran in the ${sizes.seqBudgetMs / 1000} s budget`,
  });
}

/** Per-step overhead at each run length, `reps` runs each (main() warms up before). */
async function perStep(pub, ids, sizes, dataDir) {
  const w = await freshWorld(pub, dataDir);
  const once = async (steps) => {
    const cpu = measure.startCpuClock();
    const t0 = performance.now();
    const handle = await w.start(ids.trivial, [steps]);
    return { ms: (await finished(handle)) - t0, cpuMs: cpu() };
  };
  const results = [];
  for (const { steps, reps } of sizes.perStep) {
    const samples = [];
    for (let i = 0; i < reps; i++) samples.push(await once(steps));
    results.push(measure.summarizePerStep(samples, steps));
    log(`  trivial(${steps}): ${results.at(-1).perStepMs} ms per step`);
  }
  return results;
}

/** `reps` fan-outs of `sizes.fanoutRuns` runs, each in a fresh world (`dataDir`-<i>). */
async function fanout(pub, ids, sizes, dataDir, reps) {
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const w = await freshWorld(pub, `${dataDir}-${i}`);
    const cpu = measure.startCpuClock();
    const t0 = performance.now();
    const handles = await Promise.all(
      Array.from({ length: sizes.fanoutRuns }, () => w.start(ids.five, [])),
    );
    const ends = await Promise.all(handles.map((h) => finished(h)));
    samples.push({ totalMs: Math.max(...ends) - t0, cpuMs: cpu() });
    const values = await Promise.all(handles.map((h) => h.run.returnValue));
    if (!values.every((v) => v === sizes.stepsPerRun))
      throw new Error(`fan-out returned ${values}`);
  }
  return measure.summarizeFanout(samples, sizes.fanoutRuns, sizes.stepsPerRun);
}

async function main() {
  const { ids, versions } = ensureAnchor(log);
  const { sizes } = flags;
  delete process.env.WORKFLOW_TARGET_WORLD;
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), "wf-bench-published-"));
  // Read once by world-local's config; each workload gets its own dir below.
  process.env.WORKFLOW_LOCAL_DATA_DIR = path.join(dataRoot, "default");
  mkdirSync(process.env.WORKFLOW_LOCAL_DATA_DIR);
  const pub = await loadPublished();
  // The server is needed in both modes: the runtime looks up the port this process listens on
  // before every flow and step invocation, and only caches a port it found.
  const server = serve({
    "/.well-known/workflow/v1/flow": pub.flow.POST,
    "/.well-known/workflow/v1/step": pub.step.POST,
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.PORT = String(server.address().port);
  try {
    log(`warm-up (transport ${flags.transport})`);
    await perStep(pub, ids, { perStep: [{ steps: 10, reps: 2 }] }, path.join(dataRoot, "warm"));
    const warmFanout = { ...sizes, fanoutRuns: sizes.warmupFanoutRuns };
    await fanout(pub, ids, warmFanout, path.join(dataRoot, "warm-fanout"), 1);
    log(`per-step: ${sizes.perStep.map((p) => `${p.reps} x trivial(${p.steps})`).join(", ")}`);
    const perStepResult = await perStep(pub, ids, sizes, path.join(dataRoot, "per-step"));
    log(`fan-out: ${sizes.fanoutReps} x ${sizes.fanoutRuns} runs x ${sizes.stepsPerRun} steps`);
    const fanoutResult = await fanout(
      pub,
      ids,
      sizes,
      path.join(dataRoot, "fanout"),
      sizes.fanoutReps,
    );
    log(`sequential: seq(${sizes.seqSteps}), budget ${sizes.seqBudgetMs / 1000} s`);
    const sequentialResult = await sequential(pub, ids, sizes, path.join(dataRoot, "seq"));
    return measure.toResult({
      side: "published",
      world: `world-local (file), ${flags.transport === "direct" ? "in-process queue" : "queue over HTTP on 127.0.0.1"}`,
      sequential: sequentialResult,
      perStep: perStepResult,
      fanout: fanoutResult,
      versions,
      node: process.version,
    });
  } finally {
    server.close();
    server.closeAllConnections?.();
    // A cut run may still be writing into its data dir; a leftover temp dir is not worth failing.
    try {
      rmSync(dataRoot, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      log(`could not remove ${dataRoot}: ${error?.message ?? error}`);
    }
  }
}

main().then(
  (result) => measure.emit(result, flags),
  (error) => {
    log(`failed: ${error?.stack ?? error}`);
    measure.emit({ side: "published", error: String(error?.message ?? error) }, flags, 1);
  },
);
