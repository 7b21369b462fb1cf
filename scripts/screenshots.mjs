/**
 * `npm run screenshots`: the README's pictures of the dashboard, from a real run of the example
 * (examples/orders, as `npm start` runs it) in a fresh data directory, shown by `startDashboard`
 * from dist/ in the Chromium of the browser tests. Writes docs/dashboard-*.png. Needs
 * `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { importTestSupport } from "./test-support.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const docs = path.join(root, "docs");
const dir = await mkdtemp(path.join(tmpdir(), "wf-screenshots-"));

// A real run: the example, under workflow/register, into our data directory.
const example = spawnSync(
  process.execPath,
  ["--import", "workflow/register", "examples/orders/main.ts"],
  {
    cwd: root,
    env: { ...process.env, WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" },
    encoding: "utf8",
  },
);
if (example.status !== 0)
  throw new Error(`the example failed:\n${example.stdout}${example.stderr}`);

const { launchBrowser } = await importTestSupport("browser");
const { createFileWorld } = await import(
  pathToFileURL(path.join(root, "dist/runtime/worlds/index.js")).href
);
const { startDashboard } = await import(
  pathToFileURL(path.join(root, "dist/cli/web/dashboard-server.js")).href
);

const world = createFileWorld({ dir, readOnly: true });
await world.start();
const dashboard = await startDashboard({ world });
const browser = await launchBrowser();
try {
  await mkdir(docs, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(dashboard.url);
  await page.locator("tbody tr[data-run-id]").nth(1).waitFor();
  await page.locator("main").screenshot({ path: path.join(docs, "dashboard-runs.png") });

  const { runs } = await world.listRuns({ status: "completed" });
  await page.goto(`${dashboard.url}#/run/${runs[0].runId}`);
  await page.locator(".lane").first().waitFor();
  await page.locator(".timeline-section").scrollIntoViewIfNeeded();
  await page
    .locator(".timeline-section")
    .screenshot({ path: path.join(docs, "dashboard-timeline.png") });

  // Time travel to the moment the payment was retried.
  const events = await world.readEvents(runs[0].runId);
  const retry = events.findIndex((e) => e.type === "step_retrying");
  await page.locator("#time-travel").fill(String(retry + 1));
  await page
    .locator("#time-travel-event")
    .getByText(/step_retrying/)
    .waitFor();
  await page.locator(".travel").screenshot({ path: path.join(docs, "dashboard-time-travel.png") });
  console.log(
    `Wrote docs/dashboard-runs.png, docs/dashboard-timeline.png, docs/dashboard-time-travel.png`,
  );
} finally {
  await browser.close();
  await dashboard.close();
  await world.close();
  await rm(dir, { recursive: true, force: true });
}
