/**
 * The runs page over many runs and over Postgres. 120 runs (made by appending their first
 * event, so none executes) are paged 50 at a time with the world's cursor, older and back; the
 * status and workflow filters go to the world. On the Postgres world the page lists the runs
 * and shows one started after it opened.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, startDashboard } from "../../cli/web/dashboard-server.js";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { serialize } from "../../runtime/serialization/serialize.js";
import { createMemoryWorld, type World } from "../../runtime/worlds/index.js";
import { createPostgresWorld } from "../../runtime/worlds/postgres/postgres-world.js";
import { launchBrowser } from "../support/browser.js";
import { type PostgresServer, startPostgres } from "../support/postgres.js";
import { buildDashboard, order, PACKAGE_ROOT } from "./harness.js";

let browser: Browser;

beforeAll(async () => {
  buildDashboard();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const rowIds = (page: Page) =>
  page
    .locator("tbody tr[data-run-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-run-id")));

describe("paging through runs", () => {
  let world: World;
  let dashboard: Dashboard;
  const ids: string[] = [];

  beforeAll(async () => {
    world = createMemoryWorld();
    await world.start();
    for (let i = 0; i < 120; i++) {
      const runId = `wrun_page${String(i).padStart(4, "0")}`;
      await world.append(runId, [
        {
          type: "run_created",
          data: {
            workflowName: `workflow//./src/jobs//${i % 3 === 0 ? "invoice" : "email"}`,
            input: serialize([i]),
            seed: "0".repeat(32),
          },
        },
      ]);
      ids.unshift(runId); // newest first
    }
    dashboard = await startDashboard({ world });
  });
  afterAll(async () => {
    await dashboard?.close();
    await world?.close();
  });

  it("pages 50 at a time with the cursor, older and back", async () => {
    const page = await browser.newPage();
    await page.goto(dashboard.url);
    await page.locator(`tr[data-run-id="${ids[0]}"]`).waitFor();
    expect(await rowIds(page)).toEqual(ids.slice(0, 50));
    const older = page.getByRole("button", { name: "Older runs →" });
    const newer = page.getByRole("button", { name: "← Newer runs" });
    expect(await newer.isDisabled()).toBe(true);
    await older.click();
    await page.locator(`tr[data-run-id="${ids[50]}"]`).waitFor();
    expect(await rowIds(page)).toEqual(ids.slice(50, 100));
    await older.click();
    await page.locator(`tr[data-run-id="${ids[100]}"]`).waitFor();
    expect(await rowIds(page)).toEqual(ids.slice(100));
    expect(await older.isDisabled()).toBe(true);
    await newer.click();
    await page.locator(`tr[data-run-id="${ids[50]}"]`).waitFor();
    expect(await rowIds(page)).toEqual(ids.slice(50, 100));

    // The workflow filter takes the short name it suggests.
    await page.fill("#filter-workflow", "invoice");
    await page.locator("#filter-workflow").dispatchEvent("change");
    const invoices = ids.filter((id) => Number(id.slice(-4)) % 3 === 0);
    await page.locator(`tr[data-run-id="${invoices[0]}"]`).waitFor();
    expect(await rowIds(page)).toEqual(invoices.slice(0, 40));
    await page.close();
  }, 60_000);

  it("feeds every page open on the same filter from one poller", async () => {
    let calls = 0;
    const counted = new Proxy(world, {
      get: (target, key) =>
        key === "listRuns"
          ? (...args: Parameters<World["listRuns"]>) => (calls++, target.listRuns(...args))
          : Reflect.get(target, key),
    });
    const shared = await startDashboard({ world: counted });
    const feeds = Array.from({ length: 4 }, () => new AbortController());
    try {
      const firsts = await Promise.all(
        feeds.map(async (feed) => {
          const res = await fetch(`${shared.url}api/live/runs`, { signal: feed.signal });
          const reader = res.body!.getReader();
          let text = "";
          while (!text.includes("\n\n"))
            text += new TextDecoder().decode((await reader.read()).value);
          return text;
        }),
      );
      for (const text of firsts) expect(text).toMatch(/^event: runs\ndata: \{"runs":\[/);
      const before = calls;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      // One poller every 500 ms: about 4 reads in 2 s for all four pages, not 16.
      expect(calls - before).toBeLessThanOrEqual(6);
    } finally {
      for (const feed of feeds) feed.abort();
      await shared.close();
    }
  }, 30_000);

  it("opens a run typed in the search box, and says when there is none", async () => {
    const page = await browser.newPage();
    await page.goto(dashboard.url);
    await page.fill("#search-run", ids[7]!);
    await page.keyboard.press("Enter");
    await page.locator("h1").getByText(ids[7]!).waitFor();
    await page.getByText("No steps, sleeps or hooks yet.").waitFor();
    await page.goto(`${dashboard.url}#/run/wrun_nothing`);
    await page.getByRole("alert").getByText("No run wrun_nothing.").waitFor();
    await page.close();
  }, 30_000);
});

describe("on the Postgres world", () => {
  let postgres: PostgresServer;
  let runtime: Runtime;
  let dashboard: Dashboard;

  beforeAll(async () => {
    postgres = await startPostgres();
    runtime = createRuntime({
      world: createPostgresWorld({ connectionString: postgres.url }),
      bundles: createBundleSource({ root: PACKAGE_ROOT }),
    });
    await runtime.start();
    dashboard = await startDashboard({ world: runtime.world });
  }, 180_000);
  afterAll(async () => {
    await dashboard?.close();
    await runtime?.close();
    await postgres?.stop();
  });

  it("lists the runs, and one started after the page opened appears", async () => {
    const first = await start(order, ["PG-1", 100], { runtime });
    await first.returnValue;
    const page = await browser.newPage();
    await page.goto(dashboard.url);
    await page.locator(`tr[data-run-id="${first.runId}"]`).getByText("completed").waitFor();
    const second = await start(order, ["PG-2", 200], { runtime });
    await page.locator(`tr[data-run-id="${second.runId}"]`).waitFor({ timeout: 10_000 });
    expect(await rowIds(page)).toEqual([second.runId, first.runId]);
    await second.returnValue;
    await page.locator(`tr[data-run-id="${second.runId}"]`).getByText("completed").waitFor();
    await page.locator(`tr[data-run-id="${second.runId}"] a`).click();
    await page.locator(".lane").nth(3).waitFor();
    expect(await page.locator(".lane .lane-name strong").allTextContents()).toEqual([
      "reserve",
      "charge",
      "sleep",
      "ship",
    ]);
    await page.close();
  }, 60_000);
});
