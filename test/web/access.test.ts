/**
 * Who may use the dashboard, and `wf web` as a process. On another host (127.0.0.2, a second
 * loopback address) every request without the session cookie gets 401, the API included, until
 * the page is given the access token; the cookie is HttpOnly and SameSite=Strict. A request for
 * another Host name is refused, and so is a write that is not JSON. The real `wf web` prints its
 * URL, serves the page and the runs of the data directory, and asks for a token when given --host.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, startDashboard } from "../../cli/web/dashboard-server.js";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { launchBrowser } from "../support/browser.js";
import { buildDashboard, order, PACKAGE_ROOT } from "./harness.js";

const WF = path.join(PACKAGE_ROOT, "dist", "cli", "wf.js");

let dir: string;
let runtime: Runtime;
let browser: Browser;
let runId = "";

beforeAll(async () => {
  buildDashboard();
  dir = await mkdtemp(path.join(tmpdir(), "wf-web-access-"));
  runtime = createRuntime({
    world: createFileWorld({ dir }),
    bundles: createBundleSource({ root: PACKAGE_ROOT }),
  });
  await runtime.start();
  const run = await start(order, ["CUP-7", 300], { runtime });
  await run.returnValue;
  runId = run.runId;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A GET with a Host header of our choosing (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("access to the dashboard", () => {
  let dashboard: Dashboard;
  beforeAll(async () => {
    dashboard = await startDashboard({ world: runtime.world, host: "127.0.0.2" });
  });
  afterAll(() => dashboard?.close());

  it("answers 401 to everything without the token, the API included", async () => {
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    expect(dashboard.token).toMatch(/^[\w-]{20,}$/);
    for (const route of ["", "app.js", "api/runs", `api/runs/${runId}`, "api/live/runs"]) {
      const res = await fetch(dashboard.url + route);
      expect([route, res.status]).toEqual([route, 401]);
      await res.body?.cancel();
    }
    const api = await fetch(`${dashboard.url}api/runs`);
    expect(await api.json()).toMatchObject({ code: "UNAUTHORIZED" });
    const wrong = await fetch(`${dashboard.url}auth`, {
      method: "POST",
      body: new URLSearchParams({ token: "not-the-token" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("lets the page in once it is given the token, with an HttpOnly SameSite=Strict cookie", async () => {
    const res = await fetch(`${dashboard.url}auth`, {
      method: "POST",
      body: new URLSearchParams({ token: dashboard.token! }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\//);
    const session = cookie.split(";")[0]!;
    const runs = await fetch(`${dashboard.url}api/runs`, { headers: { cookie: session } });
    expect(runs.status).toBe(200);
    expect((await runs.json()).runs.map((r: { runId: string }) => r.runId)).toEqual([runId]);

    const page = await browser.newPage();
    await page.goto(dashboard.url);
    await page.getByLabel(/Access token/).fill(dashboard.token!);
    await page.getByRole("button", { name: "Open the dashboard" }).click();
    await page.locator(`tr[data-run-id="${runId}"]`).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ httpOnly: true, sameSite: "Strict", name: "wf_dashboard" }),
    ]);
    await page.close();
  });

  it("refuses another Host name and writes that are not JSON from its own page", async () => {
    const local = await startDashboard({ world: runtime.world });
    try {
      const { port } = new URL(local.url);
      expect(await getWithHost(`${local.url}api/runs`, `127.0.0.1:${port}`)).toBe(200);
      expect(await getWithHost(`${local.url}api/runs`, `localhost:${port}`)).toBe(200);
      expect(await getWithHost(`${local.url}api/runs`, `attacker.example:${port}`)).toBe(421);
      const form = await fetch(`${local.url}api/runs/${runId}/cancel`, {
        method: "POST",
        body: new URLSearchParams({ a: "b" }),
      });
      expect(form.status).toBe(403);
      const crossSite = await fetch(`${local.url}api/runs/${runId}/cancel`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://attacker.example" },
        body: "{}",
      });
      expect(crossSite.status).toBe(403);
      // A bad filter is an error as data, on the live feed too.
      for (const route of ["api/runs?status=sleeping", "api/live/runs?status=sleeping"]) {
        const res = await fetch(local.url + route);
        expect([route, res.status, (await res.json()).code]).toEqual([route, 400, "BAD_FILTER"]);
      }
      const cursor = await fetch(`${local.url}api/runs?cursor=not-a-cursor`);
      expect(cursor.status).toBe(400);
    } finally {
      await local.close();
    }
  });
});

describe("wf web", () => {
  /** Starts `wf web ...args` on the test's data directory; resolves with what it printed once it has printed the URL (and the token line when `lines` is 2). */
  async function wfWeb(args: string[], lines = 1) {
    const child = spawn(process.execPath, [WF, "web", "--port", "0", ...args], {
      env: { ...process.env, WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`wf web printed:\n${stdout}${stderr}`)),
        30_000,
      );
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.split("\n").length > lines) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", () => reject(new Error(`wf web exited:\n${stdout}${stderr}`)));
    });
    return { child, stdout, exited, stderr: () => stderr };
  }
  const stop = async (child: ChildProcess, exited: Promise<number | null>) => {
    child.kill("SIGINT");
    return exited;
  };

  it("serves the page and the runs of the data directory on 127.0.0.1, then stops on Ctrl-C", async () => {
    const { child, stdout, exited } = await wfWeb([]);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    expect(stdout).toMatch(/^Dashboard of file:.*: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<main id="app"');
    const runs = await (await fetch(`${url}api/runs`)).json();
    expect(runs.runs.map((r: { runId: string }) => r.runId)).toEqual([runId]);
    const detail = await (await fetch(`${url}api/runs/${runId}`)).json();
    expect(detail.lanes.map((l: { name: string }) => l.name)).toEqual([
      "reserve",
      "charge",
      "sleep",
      "ship",
    ]);
    expect(detail.actions).toBe(true);
    expect(await stop(child, exited)).toBe(0);
  }, 60_000);

  it("has the app that owns the world do its actions: a run started again runs in the app", async () => {
    const { child, stdout, exited } = await wfWeb([]);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)![1]!;
    try {
      const response = await fetch(`${url}api/runs/${runId}/start-like`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(200);
      const { runId: again } = (await response.json()) as { runId: string };
      expect(again).not.toBe(runId);
      // The app (this test's runtime) got it over its control socket and runs it.
      await expect
        .poll(async () => (await runtime.world.getRun(again))?.status, { timeout: 20_000 })
        .toBe("completed");
      expect((await runtime.world.getRun(again))?.input).toBe(
        (await runtime.world.getRun(runId))?.input,
      );
    } finally {
      await stop(child, exited);
    }
  }, 60_000);

  it("says in one line what is wrong with its flags, its data directory or its port", async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [WF, "web", ...args], {
          env: { ...process.env, WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
        child.on("exit", (code) => resolve({ code, stderr }));
      });
    expect(await run(["--port", "http"])).toEqual({
      code: 1,
      stderr: 'wf web: --port must be a number from 0 to 65535, got "http"\n',
    });
    const missing = path.join(dir, "nothing-here");
    expect(await run(["--dir", missing])).toEqual({
      code: 1,
      stderr: `wf web: no workflow data directory at ${missing} (--dir)\n`,
    });
    const taken = await startDashboard({ world: runtime.world });
    try {
      const { port } = new URL(taken.url);
      expect(await run(["--port", port])).toEqual({
        code: 1,
        stderr: `wf web: cannot listen on 127.0.0.1:${port} (EADDRINUSE); pass another --port or --host\n`,
      });
    } finally {
      await taken.close();
    }
  }, 60_000);

  // Needs the file world's read-only opener (another helper's work) to see runs that another
  // process appends: today a second file world knows only the runs there were when it started.
  it("shows a run that the app starts after wf web started", async () => {
    const { child, stdout, exited } = await wfWeb([]);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    const later = await start(order, ["LATE-1", 10], { runtime });
    const deadline = Date.now() + 10_000;
    let ids: string[] = [];
    while (Date.now() < deadline && !ids.includes(later.runId)) {
      ids = (await (await fetch(`${url}api/runs`)).json()).runs.map(
        (r: { runId: string }) => r.runId,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ids).toContain(later.runId);
    await later.returnValue;
    expect(await stop(child, exited)).toBe(0);
  }, 60_000);

  it("asks for the token it prints when given --host", async () => {
    const { child, stdout, exited } = await wfWeb(["--host", "127.0.0.1"], 2);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    const token = /Access token[^:]*: (\S+)/.exec(stdout)?.[1];
    expect(token).toBeDefined();
    expect((await fetch(`${url}api/runs`)).status).toBe(401);
    const auth = await fetch(`${url}auth`, {
      method: "POST",
      body: new URLSearchParams({ token: token! }),
      redirect: "manual",
    });
    const cookie = auth.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${url}api/runs`, { headers: { cookie } })).status).toBe(200);
    expect(await stop(child, exited)).toBe(0);
  }, 60_000);
});
