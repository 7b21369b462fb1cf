// bench/scale: a file-world data directory with 100,000 finished runs. Fills it (rate and RSS
// as it grows), then restarts on it in fresh processes (time to the first completed new run,
// RSS against an empty directory's, listing the newest page), and prints each target with the
// measured value and PASS or FAIL. Our engine from dist/: run `npm run build` first.
//
//   npm run bench:scale                  # = node bench/scale/run.mjs, 100,000 runs (~10 minutes)
//   node bench/scale/run.mjs --quick     # 10,000 runs, to test the script
//
// Other flags: --json (the raw results instead of the table), --runs <n>, --concurrency <n>
// (runs in flight while filling), --restarts <n> (restarts measured on each directory), --data
// <dir> (fill this directory and keep it; a later run with the same --data and --runs reuses
// the fill and measures only the restarts).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../runtime/measure.mjs";
import { diskUsage } from "./disk-usage.mjs";
import { staleNote } from "./engine.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const USAGE =
  "usage: node bench/scale/run.mjs [--quick] [--json] [--runs n] [--concurrency n] [--restarts n] [--data dir]";

/** The targets of issue 10 (item 8). */
const TARGETS = {
  restartMs: 500,
  restartExtraRssMb: 50,
  fillRssGrowthMb: 50,
  listMs: 50,
};

function parseArgs(argv) {
  const flags = { quick: false, json: false };
  const valued = ["runs", "concurrency", "restarts", "data"];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "quick" || name === "json") flags[name] = true;
    else if (valued.includes(name) && i + 1 < argv.length) flags[name] = argv[++i];
    else {
      console.error(`unknown argument ${argv[i]}\n${USAGE}`);
      process.exit(argv[i] === "--help" ? 0 : 1);
    }
  }
  const runs = Number(flags.runs ?? (flags.quick ? 10_000 : 100_000));
  if (!Number.isInteger(runs) || runs < 10) throw new Error(`--runs must be an integer >= 10`);
  // RSS and rate at a tenth, half and all of the fill: 10k, 50k, 100k in the full run.
  const checkpoints = [...new Set([Math.round(runs / 10), Math.round(runs / 2), runs])];
  return {
    ...flags,
    runs,
    checkpoints,
    concurrency: Number(flags.concurrency ?? 16),
    restarts: Number(flags.restarts ?? (flags.quick ? 2 : 3)),
  };
}

const flags = parseArgs(process.argv.slice(2));
const log = (message) => process.stderr.write(`[bench:scale] ${message}\n`);

/** Runs a script of this folder as a child (with --expose-gc); resolves to its JSON result. */
function child(script, args, timeoutMs) {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      ["--expose-gc", path.join(HERE, script), "--json", ...args],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let stdout = "";
    proc.stdout.on("data", (chunk) => (stdout += chunk));
    const timer = setTimeout(() => {
      log(`${script} did not finish in ${timeoutMs / 1000} s; stopping pid ${proc.pid}`);
      proc.kill("SIGKILL");
    }, timeoutMs);
    proc.on("close", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? ""));
      } catch {
        resolve({ error: `${script} exited with ${signal ?? `code ${code}`} and no result` });
      }
    });
  });
}

/** Fills `dir` (or reuses a fill recorded beside it); returns the fill's result and disk usage. */
async function fill(dir, cache) {
  const record = `${dir}.bench-scale.json`;
  if (existsSync(record)) {
    const previous = JSON.parse(readFileSync(record, "utf8"));
    if (previous.fill?.runs === flags.runs && existsSync(cache)) {
      log(`reusing the fill of ${previous.at} in ${dir} (${record})`);
      return { ...previous, reused: previous.at };
    }
  }
  log(`filling ${dir} with ${flags.runs} one-step runs, ${flags.concurrency} in flight`);
  const result = await child(
    "fill.mjs",
    [
      ...["--dir", dir, "--cache", cache, "--runs", String(flags.runs)],
      ...["--checkpoints", flags.checkpoints.join(","), "--concurrency", String(flags.concurrency)],
    ],
    // At 40 runs/s: a third of what a busy 2-core machine does.
    Math.max(600_000, (flags.runs / 40) * 1000),
  );
  if (result.error || result.unavailable) return { fill: result };
  const disk = await diskUsage(dir);
  const filled = { at: new Date().toISOString(), fill: result, disk };
  writeFileSync(record, JSON.stringify(filled, null, 2));
  return filled;
}

/** `flags.restarts` restarts on `dir` and on fresh empty directories, interleaved. */
async function restarts(dir, cache, scratch) {
  const filled = [];
  const empty = [];
  for (let i = 0; i < flags.restarts; i++) {
    const emptyDir = path.join(scratch, `empty-${i}`);
    mkdirSync(emptyDir, { recursive: true });
    log(`restart ${i + 1}/${flags.restarts}: empty directory`);
    empty.push(await child("restart.mjs", ["--dir", emptyDir, "--cache", cache], 120_000));
    log(`restart ${i + 1}/${flags.restarts}: ${flags.runs} runs`);
    filled.push(await child("restart.mjs", ["--dir", dir, "--cache", cache], 600_000));
  }
  return { filled, empty };
}

/** The median of `pick` over the restarts that produced a result. */
function medianOf(results, pick) {
  const values = results.filter((r) => !r.error && !r.unavailable).map(pick);
  return values.length > 0 ? median(values) : NaN;
}

const fmt = (value, unit, digits = 1) =>
  Number.isFinite(value) ? `${value.toFixed(digits)} ${unit}` : "-";

function report({ filled, restart, stale }) {
  const { fill, disk } = filled;
  const lines = [];
  const cpu = os.cpus();
  lines.push(
    `bench/scale${flags.quick ? " --quick" : ""}: ${flags.runs} runs, node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? "cpu"}, load avg ${os.loadavg()[0].toFixed(2)}`,
  );
  if (stale) lines.push(stale);
  if (filled.reused) lines.push(`fill reused from ${filled.reused}`);
  lines.push("");
  if (fill.error || fill.unavailable) {
    lines.push(`fill failed: ${fill.error ?? fill.unavailable}`);
    return { lines, ok: false };
  }
  lines.push(
    `fill: ${fill.runs} runs in ${(fill.totalMs / 1000).toFixed(1)} s (${fill.runsPerSec} runs/s), ${fill.concurrency} in flight`,
  );
  lines.push("  runs      runs/s (since last)   RSS MB after GC (as found)   heap MB");
  for (const p of fill.checkpoints) {
    lines.push(
      `  ${String(p.runs).padEnd(9)} ${`${p.runsPerSec} (${p.windowRunsPerSec})`.padEnd(21)} ${`${p.rssMb} (${p.rssBeforeGcMb})`.padEnd(28)} ${p.heapUsedMb}`,
    );
  }
  const perRun = (bytes) => bytes / fill.runs;
  lines.push(
    `disk: ${(disk.allocatedBytes / 2 ** 20).toFixed(1)} MB allocated in ${disk.files} files, ${perRun(disk.allocatedBytes).toFixed(0)} bytes per run (${perRun(disk.apparentBytes).toFixed(0)} bytes of file content)`,
  );
  lines.push("");
  const failedRestart = [...restart.filled, ...restart.empty].find((r) => r.error || r.unavailable);
  if (failedRestart)
    lines.push(`a restart failed: ${failedRestart.error ?? failedRestart.unavailable}`);
  const m = (results, pick) => medianOf(results, pick);
  const r = {
    fromStart: m(restart.filled, (x) => x.fromProcessStartMs),
    fromCreate: m(restart.filled, (x) => x.fromCreateRuntimeMs),
    worldStart: m(restart.filled, (x) => x.worldStartMs),
    rss: m(restart.filled, (x) => x.rssAtFirstRunMb),
    peak: m(restart.filled, (x) => x.peakRssMb),
    listCold: m(restart.filled, (x) => x.list.firstCallMs),
    listWarm: m(restart.filled, (x) => x.list.medianMs),
  };
  const e = {
    fromStart: m(restart.empty, (x) => x.fromProcessStartMs),
    fromCreate: m(restart.empty, (x) => x.fromCreateRuntimeMs),
    rss: m(restart.empty, (x) => x.rssAtFirstRunMb),
    peak: m(restart.empty, (x) => x.peakRssMb),
  };
  lines.push(
    `restart (median of ${flags.restarts}, each a fresh process): ${flags.runs} runs vs an empty directory`,
  );
  lines.push(
    `  first new run completed, from process start   ${fmt(r.fromStart, "ms").padStart(11)} ${fmt(e.fromStart, "ms").padStart(11)}`,
  );
  lines.push(
    `  first new run completed, from createRuntime   ${fmt(r.fromCreate, "ms").padStart(11)} ${fmt(e.fromCreate, "ms").padStart(11)}`,
  );
  lines.push(
    `    of which world start (runtime.start())     ${fmt(r.worldStart, "ms").padStart(11)}`,
  );
  lines.push(
    `  RSS at that point                             ${fmt(r.rss, "MB").padStart(11)} ${fmt(e.rss, "MB").padStart(11)}`,
  );
  lines.push(
    `  peak RSS of the process                       ${fmt(r.peak, "MB").padStart(11)} ${fmt(e.peak, "MB").padStart(11)}`,
  );
  lines.push(
    `  listRuns({ limit: 50 }), first call / warm    ${fmt(r.listCold, "ms", 2).padStart(11)} ${fmt(r.listWarm, "ms", 2).padStart(11)}`,
  );
  lines.push("");

  const first = fill.checkpoints[0];
  const last = fill.checkpoints.at(-1);
  const checks = [
    {
      target: `restart: first new run <= ${TARGETS.restartMs} ms from process start`,
      measured: fmt(r.fromStart, "ms"),
      ok: r.fromStart <= TARGETS.restartMs,
    },
    {
      target: `restart: RSS <= empty dir's + ${TARGETS.restartExtraRssMb} MB (${fmt(e.rss + TARGETS.restartExtraRssMb, "MB")})`,
      measured: fmt(r.rss, "MB"),
      ok: r.rss <= e.rss + TARGETS.restartExtraRssMb,
    },
    {
      target: `fill: RSS at ${last.runs} <= RSS at ${first.runs} + ${TARGETS.fillRssGrowthMb} MB (${fmt(first.rssMb + TARGETS.fillRssGrowthMb, "MB")})`,
      measured: fmt(last.rssMb, "MB"),
      ok: last.rssMb <= first.rssMb + TARGETS.fillRssGrowthMb,
    },
    {
      target: `listRuns newest 50 <= ${TARGETS.listMs} ms (first call after restart)`,
      measured: fmt(r.listCold, "ms", 2),
      ok: r.listCold <= TARGETS.listMs,
    },
  ];
  lines.push(`${"target".padEnd(62)} ${"measured".padStart(11)}  result`);
  for (const c of checks) {
    lines.push(`${c.target.padEnd(62)} ${c.measured.padStart(11)}  ${c.ok ? "PASS" : "FAIL"}`);
  }
  return { lines, ok: checks.every((c) => c.ok) && !failedRestart };
}

async function main() {
  const started = performance.now();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "wf-bench-scale-"));
  const dir = path.resolve(flags.data ?? path.join(scratch, "data"));
  // The bundle cache lives beside a kept directory, so that a reused fill finds it too.
  const cache = flags.data ? `${dir}.bundle-cache` : path.join(scratch, "cache");
  try {
    const stale = staleNote();
    if (stale) log(stale);
    const filled = await fill(dir, cache);
    const restart =
      filled.fill.error || filled.fill.unavailable
        ? { filled: [], empty: [] }
        : await restarts(dir, cache, scratch);
    if (flags.json) {
      console.log(JSON.stringify({ runs: flags.runs, ...filled, restart, stale }, null, 2));
    } else {
      const { lines, ok } = report({ filled, restart, stale });
      console.log(lines.join("\n"));
      if (!ok) process.exitCode = 1;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (flags.data) log(`kept ${dir} (and ${cache}) for --data`);
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
