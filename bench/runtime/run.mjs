// bench/runtime: our engine (memory and file worlds) next to the published workflow@4.8.9 on its
// local world, same workloads, same machine, one run. Each side runs in its own child process
// (ours.mjs, published.mjs); this script prints one table and the target checks on stdout.
//
//   npm run bench:runtime                 # = node bench/runtime/run.mjs, about 3 minutes
//   node bench/runtime/run.mjs --quick    # smaller workloads, to test the script (~1 minute)
//
// Other flags: --transport http (the published queue delivers over HTTP on 127.0.0.1 instead of
// in-process), --json (print the raw results of every side instead of the table).
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSide as runSideProcess } from "../run-side.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const asJson = argv.includes("--json");
const transport = argv.includes("--transport") ? argv[argv.indexOf("--transport") + 1] : "direct";
if (argv.includes("--help") || !["direct", "http"].includes(transport)) {
  console.log("usage: node bench/runtime/run.mjs [--quick] [--json] [--transport direct|http]");
  process.exit(argv.includes("--help") ? 0 : 1);
}
const log = (message) => process.stderr.write(`[bench:runtime] ${message}\n`);

// Generous: the first run also installs and builds the published package (about a minute).
const CHILD_TIMEOUT_MS = quick ? 300_000 : 600_000;

/** Runs one side (`<script>` in this folder) as a child process (bench/run-side.mjs). */
const runSide = (script, args, label) =>
  runSideProcess(path.join(HERE, script), args, { label, timeoutMs: CHILD_TIMEOUT_MS, log });

const fmt = (value, digits = 2) =>
  typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "-";
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(1)}x` : "-");

/** Rows of the table: a label and, per side, the number shown; `better` says which way wins. */
function rows(sides) {
  const at = (side, pick) => (side.sequential ? pick(side) : undefined);
  const perStepAt = (index) => (s) => s.perStep?.[index];
  const perStepRows = (sides.find((s) => s.perStep)?.perStep ?? []).flatMap((entry, i) => [
    {
      label: `per-step overhead, ${entry.steps}-step run (ms/step)`,
      value: (s) => perStepAt(i)(s)?.perStepMs,
      better: "lower",
    },
    {
      label: "  CPU time (ms/step)",
      value: (s) => perStepAt(i)(s)?.cpuPerStepMs,
      better: "lower",
    },
  ]);
  const window = sides.find((s) => s.sequential)?.sequential.window;
  return [
    {
      label: `time between steps, first ${window} (median ms)`,
      value: (s) => at(s, (x) => x.sequential.firstWindowMs),
      better: "lower",
      digits: 3,
    },
    {
      label: `time between steps, last ${window} (median ms)`,
      value: (s) => at(s, (x) => x.sequential.lastWindowMs),
      better: "lower",
      digits: 3,
    },
    { label: "  last / first", value: (s) => at(s, (x) => x.sequential.ratio), digits: 3 },
    { label: "  steps in the run", value: (s) => at(s, (x) => x.sequential.steps), digits: 0 },
    ...perStepRows,
    {
      label: `fan-out ${sides.find((s) => s.fanout)?.fanout.runs ?? ""} runs x 5 steps, total (ms)`,
      value: (s) => s.fanout?.totalMs,
      better: "lower",
      digits: 1,
    },
    { label: "fan-out runs/s", value: (s) => s.fanout?.runsPerSec, better: "higher", digits: 1 },
    { label: "  CPU time (ms)", value: (s) => s.fanout?.cpuMs, better: "lower", digits: 1 },
  ];
}

/** How many times better ours is than published (>1: we are faster). */
function speedup(row, published, ours) {
  const p = row.value(published);
  const o = row.value(ours);
  if (!row.better || !Number.isFinite(p) || !Number.isFinite(o) || p <= 0 || o <= 0) return NaN;
  return row.better === "lower" ? p / o : o / p;
}

function printTable(published, ours) {
  const sides = [published, ...ours];
  const names = ["published", ...ours.map((o) => `ours:${o.world}`)];
  const table = rows(sides.filter((s) => !s.error && !s.unavailable));
  const head = [
    "".padEnd(42),
    ...names.map((n) => n.padStart(12)),
    ...ours.map((o) => `pub/${o.world}`.padStart(12)),
  ];
  console.log(head.join(""));
  for (const row of table) {
    const cells = sides.map((s) => fmt(row.value(s), row.digits).padStart(12));
    const ratios = ours.map((o) => times(speedup(row, published, o)).padStart(12));
    console.log([row.label.padEnd(42), ...cells, ...ratios].join(""));
  }
  return table;
}

/** The sequential run's curve: median time between steps in each tenth of the run. */
function printCurves(sides, names) {
  console.log("time between steps by tenth of the sequential run (median ms):");
  sides.forEach((side, i) => {
    const curve = side.sequential?.byTenthMs;
    if (curve) console.log(`  ${names[i].padEnd(12)} ${curve.map((v) => fmt(v, 3)).join("  ")}`);
  });
}

/** The runtime's own targets (issue 10): per-step cost by run length, fan-out throughput. */
const PER_STEP_LIMITS = [
  { steps: 10, limitMs: 1.5 },
  { steps: 100, limitMs: 1.0 },
];
const FANOUT_STEPS_PER_SEC = 1500;

/** The targets of DESIGN.md "Performance targets", checked on each of our worlds. */
function printChecks(published, ours) {
  const lines = [];
  const check = (ok, text) => lines.push(`${ok ? "PASS" : "FAIL"}  ${text}`);
  for (const side of ours) {
    const name = `ours:${side.world}`;
    if (side.unavailable || side.error) {
      lines.push(`SKIP  ${name}: ${side.unavailable ?? side.error}`);
      continue;
    }
    const seq = side.sequential;
    check(
      seq.lastWindowMs <= seq.firstWindowMs * 1.2,
      `${name} time between steps is flat: last ${seq.window} ${fmt(seq.lastWindowMs, 3)} ms vs first ${seq.window} ${fmt(seq.firstWindowMs, 3)} ms (${fmt(seq.ratio, 2)}x, limit 1.20x) over ${seq.steps} steps`,
    );
    if (quick) lines.push(`SKIP  ${name} per-step and fan-out targets: --quick sizes`);
    for (const { steps, limitMs } of quick ? [] : PER_STEP_LIMITS) {
      const row = side.perStep.find((p) => p.steps === steps);
      if (row)
        check(
          row.perStepMs <= limitMs,
          `${name} per-step overhead in a ${steps}-step run <= ${limitMs} ms: ${fmt(row.perStepMs, 3)} ms`,
        );
    }
    const stepsPerSec = side.fanout.stepsPerSec;
    if (!quick)
      check(
        stepsPerSec >= FANOUT_STEPS_PER_SEC,
        `${name} fan-out >= ${FANOUT_STEPS_PER_SEC} steps/s: ${stepsPerSec} steps/s (median of ${side.fanout.samplesMs.length} fan-outs: ${side.fanout.samplesMs.join(", ")} ms)`,
      );
    if (published.error) {
      lines.push(`SKIP  ${name} vs published: ${published.error}`);
      continue;
    }
    const perStep = published.perStepMs / side.perStepMs;
    check(
      perStep >= 10,
      `${name} per-step overhead >= 10x better: ${fmt(side.perStepMs, 3)} vs ${fmt(published.perStepMs, 3)} ms/step in a ${side.perStep[0].steps}-step run (${times(perStep)})`,
    );
    const fanout = side.fanout.runsPerSec / published.fanout.runsPerSec;
    check(
      fanout >= 10,
      `${name} fan-out throughput >= 10x: ${fmt(side.fanout.runsPerSec, 1)} vs ${fmt(published.fanout.runsPerSec, 1)} runs/s (${times(fanout)})`,
    );
  }
  console.log(lines.join("\n"));
}

async function main() {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0];
  const sizeArgs = quick ? ["--quick"] : [];
  const ours = [];
  for (const world of ["memory", "file"]) {
    log(`ours, ${world} world`);
    ours.push({
      world,
      ...(await runSide("ours.mjs", [...sizeArgs, "--world", world], `ours:${world}`)),
    });
  }
  log(
    `published workflow@4.8.9, local world (${transport === "http" ? "queue over HTTP" : "in-process queue"})`,
  );
  const published = await runSide(
    "published.mjs",
    [...sizeArgs, "--transport", transport],
    "published",
  );
  if (asJson) {
    console.log(JSON.stringify({ published, ours }, null, 2));
    return;
  }
  const cpu = os.cpus();
  console.log(
    `bench/runtime${quick ? " --quick" : ""}: node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? "cpu"}, load avg ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`,
  );
  if (published.error) console.log(`published: failed: ${published.error}`);
  else console.log(`published: workflow@${published.versions?.workflow}, ${published.world}`);
  for (const side of ours) {
    if (side.unavailable)
      console.log(`ours:${side.world}: our side unavailable: ${side.unavailable}`);
    else if (side.error) console.log(`ours:${side.world}: failed: ${side.error}`);
    else if (side.note) console.log(`ours:${side.world}: ${side.note}`);
  }
  if (published.sequential?.cut) {
    console.log(
      `published sequential run cut: ${published.sequential.cut}; its windows are of those steps`,
    );
  }
  console.log(`pub/<world>: how many times better ours is (>1: ours is faster)\n`);
  printTable(published, ours);
  console.log("");
  printCurves([published, ...ours], ["published", ...ours.map((o) => `ours:${o.world}`)]);
  console.log("");
  printChecks(published, ours);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (published.error || ours.some((o) => o.error)) process.exitCode = 1;
}

await main();
