/**
 * The seed's ChatComponent (useChat from @ai-sdk/react with WorkflowChatTransport imported as
 * "@workflow/ai"), built by Vite with our plugin and run in Chromium (from npm, see
 * test/support/browser.ts), against the chat routes on 127.0.0.1: the answer streams in, the
 * response drops twice mid-stream, and the page still shows the whole answer once, read across
 * the reconnections, with the Authorization header that prepareReconnectToStreamRequest adds.
 * And a second view of the chat (fixtures/apps/chat/src/resume.tsx), mounted with `resume`
 * while the first streams, shows the answer read from the run's stream.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, symlink } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../runtime/engine/runtime.js";
import {
  copyFixture,
  ensureBuilt,
  PACKAGE_ROOT,
  removeDir,
  runNode,
} from "../integrations/harness.js";
import { createTestRuntime } from "../streams/harness.js";
import { launchBrowser } from "../support/browser.js";
import { startChatServer } from "./chat-server.js";

const PAGE_PACKAGES = ["react", "react-dom", "@ai-sdk/react"];
const STORY =
  "Once upon a time a workflow slept for a week, woke up on another machine, " +
  "and finished its story without losing a single word of it.";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };

let app: string | undefined;
let runtime: Runtime;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await ensureBuilt();
  app = await copyFixture("chat");
  await mkdir(path.join(app, "node_modules", "@ai-sdk"));
  for (const name of PAGE_PACKAGES)
    await symlink(
      path.join(PACKAGE_ROOT, "node_modules", name),
      path.join(app, "node_modules", name),
      "dir",
    );
  const build = await runNode(app, ["node_modules/vite/bin/vite.js", "build"], 120_000);
  if (build.code !== 0) throw new Error(`vite build failed:\n${build.output}`);
  runtime = await createTestRuntime({ world: "memory", stickyCacheSize: 1000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.close();
  await removeDir(app);
});

/** The built page's files, for the chat server's `serve`. */
async function servePage(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "GET" || req.url?.startsWith("/api/")) return false;
  const dist = path.join(app!, "dist");
  const pathname = req.url!.split("?")[0]!;
  const file = path.join(dist, pathname === "/" ? "index.html" : pathname);
  if (!file.startsWith(dist) || !existsSync(file)) return false;
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  res.end(await readFile(file));
  return true;
}

describe("the seed's ChatComponent in Chromium", () => {
  it("shows the whole answer once when its stream drops twice mid-way", async () => {
    const server = await startChatServer({
      runtime,
      cutAfter: (n) => [5, 7][n],
      serve: servePage,
    });
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on("console", (message) => logs.push(message.text()));
    try {
      await page.goto(server.url);
      await page.fill("#input", "scenario:story Tell me a story.");
      await page.click("#send");
      const answer = page.locator('li[data-role="assistant"]');
      await answer.filter({ hasText: "single word of it." }).waitFor({ timeout: 20_000 });

      expect(await page.locator('li[data-role="user"]').allTextContents()).toEqual([
        "scenario:story Tell me a story.",
      ]);
      expect(await answer.allTextContents()).toEqual([STORY]);
      const runId = await page.evaluate(() => localStorage.getItem("chat-run-id"));
      expect(runId).toBeNull(); // onChatEnd removed it
      await expect
        .poll(() => logs.find((l) => l.includes("finished with")))
        .toMatch(/^Chat \S+ finished with \d+ chunks$/);
      const api = server.requests
        .map((request, i) => ({ request, authorization: server.authorizations[i] }))
        .filter(({ request }) => request.includes(" /api/"));
      // Each reconnection starts at the chunk the page had read: at most where the cut was (a
      // cut may lose the chunks in flight, even all of them under load), and never before what
      // an earlier one delivered.
      expect(api.map((r) => r.request.replace(/\/wrun_\w+\//, "/<run>/"))).toEqual([
        "POST /api/chat",
        expect.stringMatching(/^GET \/api\/chat\/<run>\/stream\?startIndex=\d+$/),
        expect.stringMatching(/^GET \/api\/chat\/<run>\/stream\?startIndex=\d+$/),
      ]);
      const [first, second] = api
        .slice(1)
        .map((r) => Number(/startIndex=(\d+)/.exec(r.request)![1]));
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(5);
      expect(second).toBeGreaterThanOrEqual(first!);
      expect(second).toBeLessThanOrEqual(first! + 7);
      expect(api.map((r) => r.authorization)).toEqual([
        "Bearer demo-token",
        "Bearer demo-token",
        "Bearer demo-token",
      ]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it("shows the answer in a second view that resumes the chat while the first streams", async () => {
    // The POST's response pauses mid-answer until the second view has shown all of it.
    const server = await startChatServer({
      runtime,
      holdAfter: (n) => (n === 0 ? 8 : undefined),
      serve: servePage,
    });
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/?view=resume`);
      await page.click("#send");
      const first = page.locator('#first li[data-role="assistant"]');
      await first.filter({ hasText: "Once" }).waitFor({ timeout: 20_000 });
      await page.click("#open");
      const second = page.locator('#second li[data-role="assistant"]');
      await second
        .filter({ hasText: "single word of it." })
        .waitFor({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          const status = await page.textContent("#second-status");
          throw new Error(`The second view did not show the answer (${status})`, { cause: error });
        });
      expect(await second.allTextContents()).toEqual([STORY]);
      expect(await page.textContent("#second-status")).toBe("ready");
      expect(await first.textContent()).not.toContain("single word");

      server.release();
      await first.filter({ hasText: "single word of it." }).waitFor({ timeout: 20_000 });
      expect(await first.allTextContents()).toEqual([STORY]);
      // The second view read the stream of the run that the first one's send started.
      expect(server.requests).toEqual([
        "POST /api/chat",
        expect.stringMatching(/^GET \/api\/chat\/wrun_\w+\/stream\?startIndex=0$/),
      ]);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
