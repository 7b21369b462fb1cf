#!/usr/bin/env node
// bench/transform: per-file cost of our directive transform vs the published
// @workflow/swc-plugin@4.1.3 on @swc/core@1.15.3, on one deterministic corpus.
//
//   node bench/transform/run.mjs [--quick] [--budget-ms N] [--source-maps] [--dump DIR]
//
// See README.md next to this file for what is measured and how to read the output.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { buildCorpus } from "./corpus.mjs";
import {
  PUBLISHED,
  REPO_ROOT,
  ensureBuilt,
  ensurePublished,
  loadOurs,
  publishedOptions,
} from "./setup.mjs";

const MODES = ["workflow", "step", "client"];
/** "Only a string search": our per-file time on files without directives within this factor of one includes(). */
const STRING_SEARCH_FACTOR = 10;
const ROOT = "/app"; // project root handed to our transform; filenames are relative to it

// ------------------------------------------------------------------------------------------------
// options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
if (flag("--help") || flag("-h")) {
  console.log(`usage: node bench/transform/run.mjs [options]
  --quick          ~100 ms per measurement instead of ~400 ms (rougher, ~4x faster)
  --budget-ms N    time spent measuring one (implementation, file, mode) cell (default 400)
  --source-maps    ask both sides for a source map (default: off on both sides)
  --no-published   skip installing/running the published plugin
  --placeholder    stand-in for our transform (only to exercise this script)
  --dump DIR       write the corpus files to DIR and exit`);
  process.exit(0);
}
const BUDGET_MS = Number(value("--budget-ms", flag("--quick") ? 100 : 400));
const MIN_SAMPLES = 5;
const MAX_SAMPLES = 200;
const SAMPLE_MS = 1; // batch fast calls so that one timed sample lasts at least ~1 ms
const SOURCE_MAPS = flag("--source-maps");

const log = (msg) => console.log(msg);

// ------------------------------------------------------------------------------------------------
// measurement

let sink = 0; // results are folded in here so that no call can be optimised away

const now = performance.now.bind(performance);

/**
 * A timed cell: fn is warmed up (>= 3 calls and ~20 ms), then calibrated so that one sample
 * (a batch of calls) lasts at least SAMPLE_MS. sample() adds one per-call time in µs.
 */
function cell(fn) {
  let t0 = now();
  let warm = 0;
  while (warm < 3 || (now() - t0 < Math.min(20, BUDGET_MS / 4) && warm < 10_000)) {
    fn();
    warm++;
  }
  let batch = 1;
  for (;;) {
    t0 = now();
    for (let i = 0; i < batch; i++) fn();
    const dt = now() - t0;
    if (dt >= SAMPLE_MS || batch >= 1 << 20) break;
    batch *= dt > 0 ? Math.min(16, Math.max(2, Math.ceil(SAMPLE_MS / dt))) : 16;
  }
  const samples = [];
  return {
    samples,
    sample() {
      const t = now();
      for (let i = 0; i < batch; i++) fn();
      samples.push(((now() - t) * 1000) / batch);
    },
    median() {
      const s = [...samples].sort((x, y) => x - y);
      const mid = s.length >> 1;
      return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    },
  };
}

/**
 * Measures several functions on the same input together: samples are taken round-robin (one
 * from each cell per round) until BUDGET_MS per cell is spent, so that background load and drift
 * hit every implementation alike. Returns the median per-call time of each, in µs.
 */
function measureTogether(fns) {
  const cells = fns.map((fn) => cell(fn));
  const start = now();
  const budget = BUDGET_MS * cells.length;
  let rounds = 0;
  while (rounds < MIN_SAMPLES || (now() - start < budget && rounds < MAX_SAMPLES)) {
    for (const c of cells) c.sample();
    rounds++;
  }
  return cells.map((c) => c.median());
}

// ------------------------------------------------------------------------------------------------
// formatting

const fmtUs = (us) =>
  us === undefined || Number.isNaN(us)
    ? "n/a"
    : us >= 1000
      ? Math.round(us).toLocaleString("en-US")
      : us >= 10
        ? us.toFixed(1)
        : us >= 1
          ? us.toFixed(2)
          : us.toFixed(3);
const fmtRatio = (r) =>
  r === undefined || !Number.isFinite(r)
    ? "n/a"
    : r >= 100
      ? `${Math.round(r).toLocaleString("en-US")}x`
      : `${r.toFixed(2)}x`;
const kb = (s) => (Buffer.byteLength(s) / 1024).toFixed(1);

function table(headers, rows, align) {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r === null ? 0 : String(r[i]).length))),
  );
  const line = (cells) =>
    cells
      .map((c, i) =>
        align[i] === "l" ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]),
      )
      .join("  ")
      .trimEnd();
  const sep = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(headers), sep, ...rows.map((r) => (r === null ? sep : line(r)))].join("\n");
}

// ------------------------------------------------------------------------------------------------
// implementations

/** Stand-in with a similar shape: string search, then a Babel parse + reprint for files that match. */
async function placeholderTransform() {
  const req = createRequire(path.join(REPO_ROOT, "package.json"));
  const { parse } = req("@babel/parser");
  return (code, opts) => {
    if (!code.includes("use step") && !code.includes("use workflow"))
      return { code, map: null, manifest: {}, diagnostics: [] };
    const plugins = opts.filename.endsWith("x") ? ["typescript", "jsx"] : ["typescript"];
    const ast = parse(code, { sourceType: "module", plugins });
    return {
      code: code + "\n//" + ast.program.body.length,
      map: null,
      manifest: { steps: { [opts.filename]: {} } },
      diagnostics: [],
    };
  };
}

function countManifest(manifest) {
  const count = (o) =>
    Object.values(o ?? {}).reduce((n, perFile) => n + Object.keys(perFile).length, 0);
  return {
    steps: count(manifest?.steps),
    workflows: count(manifest?.workflows),
    classes: count(manifest?.classes),
  };
}

function publishedManifest(code) {
  const m = /\/\*\*__internal_workflows(\{.*?\})\*\//s.exec(code);
  if (!m) return {};
  try {
    return JSON.parse(m[1]);
  } catch {
    return {};
  }
}

const parserPlugins = (filename) =>
  /\.[cm]?tsx?$/.test(filename)
    ? filename.endsWith("x")
      ? ["typescript", "jsx"]
      : ["typescript"]
    : ["jsx"];

const firstLine = (msg) =>
  String(msg)
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.length > 0) ?? String(msg);

// ------------------------------------------------------------------------------------------------
// main

async function main() {
  const tStart = performance.now();
  const loadAtStart = os.loadavg()[0];
  const notes = [];

  if (flag("--dump")) {
    const dir = path.resolve(value("--dump", "corpus-dump"));
    for (const f of buildCorpus()) {
      mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
      writeFileSync(path.join(dir, f.name), f.code);
    }
    log(`corpus written to ${dir}`);
    return;
  }

  // --- our transform
  let ours = null;
  let oursLabel;
  if (flag("--placeholder")) {
    ours = await placeholderTransform();
    oursLabel = "PLACEHOLDER (string search + Babel parse), not our compiler";
  } else {
    const built = ensureBuilt(log);
    if (built.ok) {
      const loaded = await loadOurs();
      if (loaded.transform) {
        ours = loaded.transform;
        oursLabel = `dist/compiler/index.js (${built.note})`;
      } else oursLabel = `UNAVAILABLE: ${loaded.error}`;
    } else oursLabel = `UNAVAILABLE: ${built.note}`;
  }

  // --- published plugin
  let published = null;
  let publishedLabel;
  if (flag("--no-published")) publishedLabel = "skipped (--no-published)";
  else {
    const p = ensurePublished(log);
    if (p.error) {
      publishedLabel = `UNAVAILABLE: ${p.error}`;
      if (p.detail) log(`npm output (last lines):\n${p.detail}`);
    } else {
      try {
        const t0 = performance.now();
        p.swc.transformSync(
          "export const x = 1;\n",
          publishedOptions(p.pluginPath, "warmup.ts", "step", false),
        );
        const first = performance.now() - t0;
        published = (code, filename, mode) =>
          p.swc.transformSync(code, publishedOptions(p.pluginPath, filename, mode, SOURCE_MAPS));
        publishedLabel = `${PUBLISHED.plugin}@${PUBLISHED.pluginVersion} on ${PUBLISHED.core}@${p.swc.version} via transformSync (${p.note}; first call ${Math.round(first)} ms)`;
      } catch (err) {
        publishedLabel = `UNAVAILABLE: the plugin did not run (${firstLine(err?.message ?? err)})`;
      }
    }
  }

  const corpus = buildCorpus();
  const oursOpts = (f, mode) => ({ filename: f.name, root: ROOT, mode, sourceMaps: SOURCE_MAPS });

  const req = createRequire(path.join(REPO_ROOT, "package.json"));
  let babelParse = null;
  try {
    babelParse = req("@babel/parser").parse;
  } catch {
    /* reference column and output check are optional */
  }
  // --- validation pass (also warms up both sides): every file, every mode, both sides
  const dropped = new Set();
  const oursProblems = new Map(); // name -> [messages]
  const info = new Map(); // name -> { ours: counts, pub: counts }
  const threw = new Set(); // `${name}|${mode}` where our transform threw
  const addProblem = (f, msg) => {
    if (!oursProblems.has(f.name)) oursProblems.set(f.name, new Set());
    oursProblems.get(f.name).add(msg);
  };
  for (const f of corpus) {
    const entry = { ours: null, pub: null };
    for (const mode of MODES) {
      if (published && !dropped.has(f.name)) {
        try {
          const r = published(f.code, f.name, mode);
          if (mode === "step") entry.pub = countManifest(publishedManifest(r.code));
        } catch (err) {
          dropped.add(f.name);
          notes.push(
            `dropped ${f.name}: the published plugin rejects it in ${mode} mode: ${firstLine(err?.message ?? err)}`,
          );
        }
      }
      if (ours) {
        try {
          const r = ours(f.code, oursOpts(f, mode));
          if (typeof r?.then === "function")
            throw new Error(
              "transform returned a Promise; this benchmark expects the synchronous API",
            );
          const errors = (r.diagnostics ?? []).filter((d) => d.severity === "error");
          const warnings = (r.diagnostics ?? []).filter((d) => d.severity !== "error");
          for (const d of errors)
            addProblem(
              f,
              `${mode}: error ${d.code} at ${d.loc?.line}:${d.loc?.column}: ${d.message}`,
            );
          for (const d of warnings)
            addProblem(
              f,
              `${mode}: warning ${d.code} at ${d.loc?.line}:${d.loc?.column}: ${d.message}`,
            );
          if (f.group === "plain" && r.code !== f.code)
            addProblem(f, `${mode}: changed a file that has no directive`);
          if (f.group === "directives" && !errors.length && r.code === f.code)
            addProblem(f, `${mode}: returned the input unchanged`);
          if (babelParse && r.code !== f.code) {
            try {
              babelParse(r.code, { sourceType: "module", plugins: parserPlugins(f.name) });
            } catch (err) {
              addProblem(f, `${mode}: output does not parse: ${firstLine(err?.message ?? err)}`);
            }
          }
          if (mode === "step") entry.ours = countManifest(r.manifest);
        } catch (err) {
          threw.add(`${f.name}|${mode}`);
          addProblem(f, `${mode}: THREW ${firstLine(err?.stack ?? err)}`);
        }
      }
    }
    info.set(f.name, entry);
  }

  // --- measurements
  const results = []; // { f, mode, ours, pub }
  const baseline = new Map(); // name -> { includes, parse }
  for (const f of corpus) {
    // every timed function for this file, measured together (round-robin)
    const jobs = []; // [key, fn]
    const code = f.code;
    if (f.group === "plain") {
      jobs.push(["includes", () => (sink ^= code.includes("use step") ? 1 : 0)]);
      if (babelParse) {
        const plugins = parserPlugins(f.name);
        jobs.push([
          "parse",
          () => (sink ^= babelParse(code, { sourceType: "module", plugins }).program.body.length),
        ]);
      }
    }
    for (const mode of MODES) {
      if (ours && !threw.has(`${f.name}|${mode}`)) {
        const opts = oursOpts(f, mode);
        jobs.push([`ours|${mode}`, () => (sink ^= ours(code, opts).code.length)]);
      }
      if (published && !dropped.has(f.name))
        jobs.push([`pub|${mode}`, () => (sink ^= published(code, f.name, mode).code.length)]);
    }
    let medians;
    try {
      medians = new Map(measureTogether(jobs.map(([, fn]) => fn)).map((m, i) => [jobs[i][0], m]));
    } catch (err) {
      // a function that succeeded in the validation pass failed while being timed: time the rest alone
      addProblem(f, `THREW while timing: ${firstLine(err?.message ?? err)}`);
      medians = new Map();
      for (const [key, fn] of jobs) {
        try {
          medians.set(key, measureTogether([fn])[0]);
        } catch {
          /* left out */
        }
      }
    }
    if (f.group === "plain")
      baseline.set(f.name, { includes: medians.get("includes"), parse: medians.get("parse") });
    for (const mode of MODES)
      results.push({ f, mode, ours: medians.get(`ours|${mode}`), pub: medians.get(`pub|${mode}`) });
  }

  // --- report
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  const sizes = corpus.map((f) => Buffer.byteLength(f.code));
  log("");
  log("bench/transform: per-file cost of the directive transform");
  log(
    `machine   node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} x ${cpu}, load avg ${loadAtStart.toFixed(2)} at the start`,
  );
  log(`ours      ${oursLabel}`);
  log(`published ${publishedLabel}`);
  log(
    `corpus    ${corpus.length} generated files (${corpus.filter((f) => f.group === "plain").length} without directives, ${corpus.filter((f) => f.group !== "plain").length} with), ` +
      `${(Math.min(...sizes) / 1024).toFixed(1)}-${(Math.max(...sizes) / 1024).toFixed(1)} KB, .ts and .tsx`,
  );
  log(
    `method    median wall time of one warm call, µs; ~${BUDGET_MS} ms of samples per cell (>= ${MIN_SAMPLES} samples, fast calls batched); ` +
      `source maps ${SOURCE_MAPS ? "ON" : "off"} on both sides`,
  );
  log(`ratio     published / ours: > 1 means ours is faster`);

  const groupReport = (group, title) => {
    const rows = results.filter((r) => r.f.group === group);
    if (!rows.length) return null;
    const plain = group === "plain";
    const headers = plain
      ? [
          "file",
          "KB",
          "mode",
          "ours µs",
          "published µs",
          "ratio",
          "includes() µs",
          "ours/includes",
          "babel parse µs",
        ]
      : ["file", "KB", "what", "steps+wf ours/pub", "mode", "ours µs", "published µs", "ratio"];
    const align = plain
      ? ["l", "r", "l", "r", "r", "r", "r", "r", "r"]
      : ["l", "r", "l", "r", "l", "r", "r", "r"];
    const out = [];
    let lastFile = null;
    for (const r of rows) {
      const first = r.f !== lastFile;
      lastFile = r.f;
      const ratio = r.ours !== undefined && r.pub !== undefined ? r.pub / r.ours : undefined;
      const flagMark = oursProblems.has(r.f.name) ? " !" : "";
      const slower = ratio !== undefined && ratio < 1 ? " <" : "";
      if (plain) {
        const b = baseline.get(r.f.name);
        out.push([
          first ? r.f.name + flagMark : "",
          first ? kb(r.f.code) : "",
          r.mode,
          fmtUs(r.ours),
          dropped.has(r.f.name) ? "dropped" : fmtUs(r.pub),
          fmtRatio(ratio) + slower,
          fmtUs(b.includes),
          r.ours !== undefined ? fmtRatio(r.ours / b.includes) : "n/a",
          first ? fmtUs(b.parse) : "",
        ]);
      } else {
        const i = info.get(r.f.name);
        const c = (x) => (x ? String(x.steps + x.workflows) : "-");
        out.push([
          first ? r.f.name + flagMark : "",
          first ? kb(r.f.code) : "",
          first ? r.f.what : "",
          first ? `${c(i.ours)}/${c(i.pub)}` : "",
          r.mode,
          fmtUs(r.ours),
          dropped.has(r.f.name) ? "dropped" : fmtUs(r.pub),
          fmtRatio(ratio) + slower,
        ]);
      }
    }
    // totals: mean µs per file over the files both sides ran
    out.push(null);
    const totals = {};
    for (const mode of [...MODES, "all"]) {
      const sel = rows.filter(
        (r) =>
          (mode === "all" || r.mode === mode) &&
          r.ours !== undefined &&
          (r.pub !== undefined || !published),
      );
      const n = sel.length; // mean over (file, mode) pairs
      const o = sel.reduce((s, r) => s + r.ours, 0) / n;
      const p = published ? sel.reduce((s, r) => s + r.pub, 0) / n : undefined;
      const inc = plain
        ? sel.reduce((s, r) => s + baseline.get(r.f.name).includes, 0) / n
        : undefined;
      const parse =
        plain && babelParse
          ? sel.reduce((s, r) => s + baseline.get(r.f.name).parse, 0) / n
          : undefined;
      totals[mode] = {
        ours: o,
        pub: p,
        includes: inc,
        parse,
        n,
        slower: sel.filter((r) => r.pub !== undefined && r.pub < r.ours).length,
        pairs: sel.length,
      };
      const label = mode === "all" ? `mean per file and mode` : `mean per file`;
      out.push(
        plain
          ? [
              label,
              "",
              mode === "all" ? "all" : mode,
              fmtUs(o),
              fmtUs(p),
              fmtRatio(p / o),
              fmtUs(inc),
              fmtRatio(o / inc),
              mode === "all" ? fmtUs(parse) : "",
            ]
          : [label, "", "", "", mode === "all" ? "all" : mode, fmtUs(o), fmtUs(p), fmtRatio(p / o)],
      );
    }
    log("");
    log(`== ${title} ==`);
    log(table(headers, out, align));
    return totals;
  };

  const plainTotals = groupReport("plain", "Files WITHOUT directives");
  const dirTotals = groupReport("directives", "Files WITH directives");

  // --- targets
  log("");
  log("== Targets ==");
  if (!ours) {
    log(`  [n/a ] our transform could not run: ${oursLabel.replace(/^UNAVAILABLE: /, "")}`);
  } else {
    if (plainTotals) {
      const t = plainTotals.all;
      const factor = t.ours / t.includes;
      const pass =
        factor <= STRING_SEARCH_FACTOR &&
        ![...oursProblems.keys()].some((n) => corpus.find((f) => f.name === n)?.group === "plain");
      log(
        `  [${pass ? "PASS" : "FAIL"}] files without directives cost only a string search: ours ${fmtUs(t.ours)} µs/file vs ` +
          `\`code.includes("use step")\` ${fmtUs(t.includes)} µs/file over the same strings = ${fmtRatio(factor)} ` +
          `(limit ${STRING_SEARCH_FACTOR}x)` +
          (t.parse !== undefined
            ? `; for scale, a Babel parse of them: ${fmtUs(t.parse)} µs/file`
            : "") +
          (published ? `, the published plugin: ${fmtUs(t.pub)} µs/file` : ""),
      );
    }
    if (dirTotals) {
      if (!published) {
        log(
          `  [n/a ] files with directives cost less than the published plugin: comparison could not run (${publishedLabel.replace(/^UNAVAILABLE: /, "")})`,
        );
      } else {
        const t = dirTotals.all;
        const perMode = MODES.map(
          (m) => `${m} ${fmtRatio(dirTotals[m].pub / dirTotals[m].ours)}`,
        ).join(", ");
        const pass = MODES.every((m) => dirTotals[m].ours < dirTotals[m].pub);
        log(
          `  [${pass ? "PASS" : "FAIL"}] files with directives cost less than the published plugin: ours ${fmtUs(t.ours)} µs/file vs ` +
            `published ${fmtUs(t.pub)} µs/file = ${fmtRatio(t.pub / t.ours)} (${perMode}); ours slower on ${t.slower} of ${t.pairs} file/mode pairs`,
        );
      }
    }
  }
  if (!published && ours) {
    log("");
    log(
      `NOTE: the comparison with the published plugin could not run: ${publishedLabel.replace(/^UNAVAILABLE: /, "")}`,
    );
  }

  // --- notes
  const problemLines = [...oursProblems].flatMap(([name, msgs]) =>
    [...msgs].map((m) => `${name}: ${m}`),
  );
  if (
    notes.length ||
    problemLines.length ||
    results.some((r) => r.ours !== undefined && r.pub !== undefined && r.pub < r.ours)
  ) {
    log("");
    log("== Notes ==");
    for (const n of notes) log(`  - ${n}`);
    if (problemLines.length) {
      log(
        `  - our transform reported problems (files marked "!" above; timings include them as they are):`,
      );
      for (const l of problemLines.slice(0, 40)) log(`      ${l}`);
      if (problemLines.length > 40) log(`      ... and ${problemLines.length - 40} more`);
    }
    const slow = results.filter(
      (r) => r.ours !== undefined && r.pub !== undefined && r.pub < r.ours,
    );
    if (slow.length)
      log(
        `  - "<" marks the ${slow.length} file/mode pairs where ours is slower than the published plugin`,
      );
  }
  log("");
  log(
    `load avg at the end ${os.loadavg()[0].toFixed(2)} (other processes on the machine add noise to every number)`,
  );
  log(`total run time ${((performance.now() - tStart) / 1000).toFixed(1)} s`);
  if (sink === 0.5) log(""); // keep sink alive
}

await main();
