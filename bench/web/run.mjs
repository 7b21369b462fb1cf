/**
 * `npm run bench:web`: how fast the dashboard serves a page of runs from a big data directory.
 * Fills a file world with N runs (default 100,000; `--runs N`), each its first event only, then
 * starts `startDashboard` on it (read-only, as `wf web` opens it) and measures, each over 20
 * tries after a warm-up:
 *
 * - GET /api/runs (the first page, 50 runs), and a page deep in the list by cursor;
 * - in Chromium, from navigation to the 50 rows of the runs page on screen;
 * - `wf inspect runs` as a process, from its start to its exit.
 *
 * Targets (issue 11): a page of runs loads in at most 200 ms, and `wf inspect runs` answers in at
 * most 300 ms. The runs are finished (created, started, completed), like the history of an app
 * that has run for a while. The data directory is kept in
 * node_modules/.cache/workflow-bench-web/<N>/ so later runs skip the filling.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { importTestSupport } from "../../scripts/test-support.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "100000" } } });
const count = Number(values.runs);
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const { createFileWorld } = await load("dist/runtime/worlds/index.js");
const { serialize } = await load("dist/runtime/serialization/serialize.js");
const { startDashboard } = await load("dist/cli/web/dashboard-server.js");

const dir = path.join(root, "node_modules", ".cache", "workflow-bench-web", `${count}-finished`);
if (!existsSync(path.join(dir, "version"))) {
  const started = Date.now();
  const writer = createFileWorld({ dir });
  await writer.start();
  const input = serialize([{ orderId: "ord-1", lines: [{ sku: "MUG-01", quantity: 2 }] }]);
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, j) =>
        writer.append(`wrun_bench${String(i + j).padStart(8, "0")}`, [
          {
            type: "run_created",
            data: {
              workflowName: `workflow//./src/orders//processOrder`,
              input,
              seed: "0".repeat(32),
            },
          },
          { type: "run_started", data: {} },
          { type: "run_completed", data: { output: input } },
        ]),
      ),
    );
  }
  await writer.close();
  console.log(
    `Filled ${dir} with ${count} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

const world = createFileWorld({ dir, readOnly: true });
await world.start();
const dashboard = await startDashboard({ world });

async function time(fn, tries = 20) {
  await fn();
  const samples = [];
  for (let i = 0; i < tries; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[tries >> 1], p95: samples[Math.floor(tries * 0.95)] };
}

const getPage = async (query) => {
  const res = await fetch(`${dashboard.url}api/runs${query}`);
  const page = await res.json();
  if (page.runs.length !== 50)
    throw new Error(`expected 50 runs, got ${JSON.stringify(page).slice(0, 200)}`);
  return page;
};
let cursor = "";
for (let i = 0; i < Math.min(100, Math.floor(count / 50) - 1); i++)
  cursor = (await getPage(cursor ? `?cursor=${encodeURIComponent(cursor)}` : "")).next;
const first = await time(() => getPage(""));
const deep = await time(() => getPage(`?cursor=${encodeURIComponent(cursor)}`));

const { launchBrowser } = await importTestSupport("browser");
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
// Measured by the page's own clock: from the start of its navigation to the mark the page
// sets when it has put the first page of runs in the table.
const loads = [];
for (let i = 0; i < 21; i++) {
  await page.goto("about:blank");
  await page.goto(dashboard.url);
  await page.locator("tbody tr[data-run-id]").nth(49).waitFor();
  const mark = await page.evaluate(() => performance.getEntriesByName("runs-shown")[0]?.startTime);
  if (i > 0) loads.push(mark);
}
loads.sort((a, b) => a - b);
const shown = { median: loads[10], p95: loads[19] };
await browser.close();
await dashboard.close();
await world.close();

// `wf inspect runs`, as a user runs it: a new process each time.
const inspectTimes = [];
for (let i = 0; i < 11; i++) {
  const t = performance.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, "dist", "cli", "wf.js"), "inspect", "runs", "--dir", dir],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`wf inspect runs failed:\n${result.stderr}`);
  if (i > 0) inspectTimes.push(performance.now() - t);
}
inspectTimes.sort((a, b) => a - b);
const inspect = { median: inspectTimes[5], p95: inspectTimes[9] };

const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`Runs page on a file world of ${count} runs (median, p95 of 20):`);
console.log(`  GET /api/runs, first page      ${ms(first.median)}  ${ms(first.p95)}`);
console.log(`  GET /api/runs, page by cursor  ${ms(deep.median)}  ${ms(deep.p95)}`);
console.log(`  Chromium: 50 rows on screen    ${ms(shown.median)}  ${ms(shown.p95)}`);
console.log(`  wf inspect runs (a process)    ${ms(inspect.median)}  ${ms(inspect.p95)}`);
const pageOk = shown.p95 <= 200;
const inspectOk = inspect.median <= 300;
console.log(
  pageOk ? "Target met: a page of runs loads in <= 200 ms." : "Target missed: page > 200 ms.",
);
console.log(
  inspectOk
    ? "Target met: wf inspect runs answers in <= 300 ms."
    : "Target missed: wf inspect runs > 300 ms.",
);
process.exitCode = pageOk && inspectOk ? 0 : 1;
