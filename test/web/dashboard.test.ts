/**
 * The dashboard (`startDashboard`) in Chromium, over the file world of a runtime running in this
 * process (its actions are that runtime's): a run started after the page opened appears, its
 * timeline lists its steps in order with the retry, time travel shows the state at event k, and
 * cancel, resume and start-again change the runs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeActions } from "../../cli/web/actions.js";
import { type Dashboard, startDashboard } from "../../cli/web/dashboard-server.js";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { resumeHook, start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { launchBrowser } from "../support/browser.js";
import {
  approval,
  buildDashboard,
  chat,
  dawdle,
  order,
  PACKAGE_ROOT,
  rejected,
  until,
} from "./harness.js";

let dir: string;
let runtime: Runtime;
let dashboard: Dashboard;
let browser: Browser;
let page: Page;
let orderRunId = "";

beforeAll(async () => {
  buildDashboard();
  dir = await mkdtemp(path.join(tmpdir(), "wf-web-"));
  runtime = createRuntime({
    world: createFileWorld({ dir }),
    bundles: createBundleSource({ root: PACKAGE_ROOT }),
  });
  await runtime.start();
  dashboard = await startDashboard({
    world: runtime.world,
    actions: createRuntimeActions(runtime),
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("pageerror", (error) => console.error("page error:", error));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the dashboard in Chromium", () => {
  it("shows a run started after the page opened, without a reload", async () => {
    await page.goto(dashboard.url);
    await page.getByText("No runs.").waitFor();
    const run = await start(order, ["MUG-01", 1250], { runtime });
    orderRunId = run.runId;
    const row = page.locator(`tr[data-run-id="${run.runId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator("td").nth(1).textContent()).toBe("order");
    await run.returnValue;
    await row.getByText("completed").waitFor({ timeout: 10_000 });

    // Filtering by status asks the server for that status only.
    await page.selectOption("#filter-status", "failed");
    await page.getByText("No runs.").waitFor();
    await page.selectOption("#filter-status", "completed");
    await row.waitFor();
  }, 60_000);

  it("shows the run's timeline with its steps in order, its values and its stream", async () => {
    await page.goto(`${dashboard.url}#/run/${orderRunId}`);
    await page.locator(".lane").nth(3).waitFor();
    const names = await page.locator(".lane .lane-name strong").allTextContents();
    expect(names).toEqual(["reserve", "charge", "sleep", "ship"]);
    const charge = page.locator(".lane").nth(1).locator(".lane-words");
    expect(await charge.textContent()).toMatch(
      /attempt 1: retrying in .*: card network busy; attempt 2: completed/,
    );
    expect(await page.locator(".lane").nth(1).locator(".bar").count()).toBe(2);
    // Values read as they were written: a bigint, a Date; the API also has them as JSON.
    expect(await page.getByLabel("Input", { exact: true }).textContent()).toBe(
      "[ 'MUG-01', 1250 ]",
    );
    expect(await page.getByLabel("Output", { exact: true }).textContent()).toBe(
      "{\n" +
        "  reserved: { sku: 'MUG-01', shelf: 'B4' },\n" +
        "  paid: { cents: 1250n, charged: 2026-01-02T00:00:00.000Z },\n" +
        "  tracking: 'tracking-MUG-01'\n" +
        "}",
    );
    const detail = await (await fetch(`${dashboard.url}api/runs/${orderRunId}`)).json();
    expect(detail.run.output).toEqual({
      reserved: { sku: "MUG-01", shelf: "B4" },
      paid: { cents: { $BigInt: "1250" }, charged: "2026-01-02T00:00:00.000Z" },
      tracking: "tracking-MUG-01",
    });
    await page.getByText("shipped MUG-01").waitFor();
    expect(await page.locator("pre.stream").textContent()).toBe("packing MUG-01\nshipped MUG-01\n");
  }, 30_000);

  it("shows a failed run's error with its stack, and the step that failed", async () => {
    const run = await start(rejected, ["out of stock"], { runtime });
    await run.returnValue.catch(() => {});
    await page.goto(`${dashboard.url}#/run/${run.runId}`);
    await page.locator("#run-status").getByText("failed").waitFor();
    expect(await page.locator(".error pre").textContent()).toMatch(
      /^FatalError( \[\w+\])?: refused: out of stock\n\s+at refuse /,
    );
    expect(await page.locator(".lane-step .lane-words").textContent()).toMatch(
      /^attempt 1: failed in .*: refused: out of stock$/,
    );
    expect(await page.locator(".lane-step .bar-failed").count()).toBe(1);
  }, 30_000);

  it("shows a stream growing while the run writes it", async () => {
    const token = `web-chat-${process.pid}`;
    const run = await start(chat, [token], { runtime });
    await until(() => runtime.world.getHookByToken(token).then((hook) => hook ?? undefined));
    await page.goto(`${dashboard.url}#/run/${run.runId}`);
    const stream = page.locator("pre.stream");
    await stream.getByText("hello").waitFor();
    expect(await stream.textContent()).toBe("hello\n");
    await resumeHook(token, { text: "hi there" }, { runtime });
    await stream.getByText("you said: hi there").waitFor({ timeout: 10_000 });
    expect(await stream.textContent()).toBe("hello\nyou said: hi there\n");
    await page.locator("#run-status").getByText("completed").waitFor({ timeout: 10_000 });
  }, 30_000);

  it("travels through the event log with the slider's arrow keys", async () => {
    await page.goto(`${dashboard.url}#/run/${orderRunId}`);
    const slider = page.locator("#time-travel");
    const position = page.locator("#time-travel-event");
    await position.getByText(/^Event \d+ of \d+: run_completed/).waitFor();
    expect(await page.locator(".travel-done li strong").allTextContents()).toEqual([
      "reserve",
      "charge",
      "ship",
    ]);
    await slider.focus();
    await page.keyboard.press("Home");
    await position.getByText("Before the first event").waitFor();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await position.getByText(/^Event 3 of \d+: step_created/).waitFor();
    expect(await page.locator(".travel-pending li strong").allTextContents()).toEqual(["reserve"]);
    expect(await page.locator(".travel-done .none").count()).toBe(1);
    // On to the retry of charge: reserve done (its result known), charge pending with its error.
    for (let k = 3; k < 30; k++) {
      const text = await page.locator(".travel-pending").textContent();
      if (text?.includes("last error: card network busy")) break;
      await page.keyboard.press("ArrowRight");
      await position.getByText(new RegExp(`^Event ${k + 1} of`)).waitFor();
    }
    expect(await page.locator(".travel-pending").textContent()).toContain("charge");
    expect(await page.locator(".travel-done li strong").allTextContents()).toEqual(["reserve"]);
    expect(await page.getByLabel("reserve result").textContent()).toBe(
      "{ sku: 'MUG-01', shelf: 'B4' }",
    );
    await page.keyboard.press("End");
    await position.getByText(/run_completed/).waitFor();
    await page.locator(".travel-status").getByText("Run status: completed").waitFor();
  }, 30_000);

  it("cancels a run, resumes a hook with a JSON payload, starts a run again", async () => {
    const sleeper = await start(dawdle, ["later"], { runtime });
    await until(async () => (await runtime.world.getRun(sleeper.runId))?.waits.size);
    await page.goto(`${dashboard.url}#/run/${sleeper.runId}`);
    await page.locator("#action-cancel:enabled").click();
    await page.locator("#run-status").getByText("cancelled").waitFor({ timeout: 10_000 });
    expect((await runtime.world.getRun(sleeper.runId))?.status).toBe("cancelled");
    expect(await page.locator(".lane-sleep .lane-words").textContent()).toMatch(
      /^until .*: disposed in /,
    );

    const token = `web-approval-${process.pid}`;
    const waiting = await start(approval, [token], { runtime });
    await until(() => runtime.world.getHookByToken(token).then((hook) => hook ?? undefined));
    await page.goto(`${dashboard.url}#/run/${waiting.runId}`);
    const form = page.locator(`.hook-form[data-token="${token}"]`);
    await form.locator("textarea").fill('{"approved": true, "by": "ana"}');
    await form.getByRole("button", { name: "Resume hook" }).click();
    await page.locator("#run-status").getByText("completed").waitFor({ timeout: 15_000 });
    expect(await waiting.returnValue).toEqual({ recorded: { approved: true, by: "ana" } });
    // The hook's wait ended when the payload came; the step that recorded it came after.
    await page.locator(".lane-step").waitFor();
    expect(await page.locator(".lane .lane-name strong").allTextContents()).toEqual([
      "hook",
      "record",
    ]);
    expect(await page.locator(".lane-hook .lane-words").textContent()).toMatch(
      new RegExp(`^${token}: received in `),
    );

    await page.goto(`${dashboard.url}#/run/${orderRunId}`);
    await page.locator("#action-start-like").click();
    const link = page.locator(".action-message a");
    await link.waitFor();
    const again = (await link.textContent())!;
    expect(again).not.toBe(orderRunId);
    const rerun = await until(async () => {
      const run = await runtime.world.getRun(again);
      return run?.status === "completed" ? run : undefined;
    }, 20_000);
    expect(rerun.input).toBe((await runtime.world.getRun(orderRunId))!.input);
    await link.click();
    await page.locator("h1").getByText(again).waitFor();
  }, 60_000);

  it("is usable from the keyboard and readable on a phone", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(dashboard.url);
    await phone.locator(`tr[data-run-id="${orderRunId}"]`).waitFor();
    // Nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    // Tab reaches the run links; Enter opens one.
    for (let i = 0; i < 40; i++) {
      await phone.keyboard.press("Tab");
      const href = await phone.evaluate(() => document.activeElement?.getAttribute("href"));
      if (href?.startsWith("#/run/")) break;
    }
    await phone.keyboard.press("Enter");
    await phone.locator(".lane").first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await phone.close();
  }, 30_000);

  it("says that actions are not available when it has none", async () => {
    const readOnly = await startDashboard({ world: runtime.world });
    try {
      const view = await browser.newPage();
      await view.goto(`${readOnly.url}#/run/${orderRunId}`);
      await view.getByText("Actions are not available").waitFor();
      expect(await view.locator("#action-cancel").isDisabled()).toBe(true);
      const res = await fetch(`${readOnly.url}api/runs/${orderRunId}/start-like`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(503);
      expect((await res.json()).code).toBe("ACTIONS_UNAVAILABLE");
      await view.close();
    } finally {
      await readOnly.close();
    }
  }, 30_000);
});
