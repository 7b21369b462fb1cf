// Where a step's time goes on our Postgres world: runs trivial(N) once (after a warm-up) on one
// worker and prints the statements the world sent, per step, grouped by their first words, with
// the process's CPU time and the wall time per step. Every pg query is counted (pg's Client
// query, which the pool uses too). Run `npm run build` first.
//
//   node bench/postgres/queries.mjs [--steps 100] [--list]   (--list: each statement, timed)
import path from "node:path";
import { createRequire } from "node:module";
import { ROOT, loadEngine, workflowRef } from "../scale/engine.mjs";
import { startPostgres } from "./postgres-server.mjs";

const args = process.argv.slice(2);
const steps = Number(args[args.indexOf("--steps") + 1]) || (args.includes("--steps") ? NaN : 100);
if (!Number.isInteger(steps) || steps < 1) throw new Error("--steps needs a positive integer");
const pg = createRequire(path.join(ROOT, "package.json"))("pg");

/** Statements sent while `recording`: their text (shortened), start and end (ms). */
let recording = null;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = String(typeof config === "string" ? config : config?.text);
  const entry = { sql: text.replace(/\s+/g, " ").trim().slice(0, 60), start: performance.now() };
  if (recording) recording.push(entry);
  const done = () => (entry.end = performance.now());
  const callback = rest.findIndex((arg) => typeof arg === "function");
  if (callback >= 0) {
    const original = rest[callback];
    rest[callback] = (...results) => (done(), original(...results));
  }
  const result = query.call(this, config, ...rest);
  if (typeof result?.then === "function") result.then(done, done);
  return result;
};

const server = await startPostgres();
const engine = await loadEngine();
if (typeof engine === "string") throw new Error(engine);
const world = engine.createPostgresWorld({ connectionString: server.url });
const runtime = engine.createRuntime({
  world,
  bundles: engine.createBundleSource({
    root: ROOT,
    cacheDir: path.join(ROOT, "node_modules/.cache/workflow-bench/bundles"),
  }),
});
await runtime.start();
const trivial = async (n) => {
  const run = await engine.start(workflowRef("bench/runtime/workloads", "trivial"), [n], {
    runtime,
  });
  await run.returnValue;
  return run.runId;
};
try {
  await trivial(2);
  await trivial(10);
  recording = [];
  const cpu = process.cpuUsage();
  const runId = await trivial(steps);
  const used = process.cpuUsage(cpu);
  const sent = recording;
  recording = null;
  const run = await world.getRun(runId);
  const perStep = (x) => (x / steps).toFixed(2);
  console.log(`trivial(${steps}) on our Postgres world, 1 worker`);
  console.log(`  ms per step (stored timestamps): ${perStep(run.completedAt - run.createdAt)}`);
  console.log(`  CPU ms per step (this process):   ${perStep((used.user + used.system) / 1000)}`);
  console.log(`  statements per step:              ${perStep(sent.length)}`);
  const groups = new Map();
  for (const { sql } of sent) groups.set(sql.slice(0, 45), (groups.get(sql.slice(0, 45)) ?? 0) + 1);
  for (const [sql, count] of [...groups].sort((a, b) => b[1] - a[1]))
    console.log(`  ${perStep(count).padStart(6)}  ${sql}`);
  if (args.includes("--list")) {
    const t0 = sent[0]?.start ?? 0;
    for (const { sql, start, end } of sent)
      console.log(
        `${(start - t0).toFixed(2).padStart(9)} ${(end - start).toFixed(2).padStart(6)}  ${sql}`,
      );
  }
} finally {
  await runtime.close();
  await server.stop();
}
