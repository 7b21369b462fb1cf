/**
 * Issue 5 item 4, for Vite: under the dev server, the app's routes run workflows whose bundles
 * the plugin builds on demand; editing a step's body, or adding a workflow file (and a route
 * that starts it), changes the next run without a restart.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViteDevServer } from "vite";
import {
  copyFixture,
  ensureBuilt,
  expectedOrder,
  poll,
  removeDir,
  walkOrder,
} from "../../test/integrations/harness.js";

describe("workflow/vite in vite dev", () => {
  let dir: string | undefined;
  let vite: ViteDevServer | undefined;
  let server: Server | undefined;
  let base = "";

  beforeAll(async () => {
    ensureBuilt();
    dir = await copyFixture("vite");
    process.env.WORKFLOW_TARGET_WORLD = "file";
    process.env.WORKFLOW_DATA_DIR = path.join(dir, "data");
    const { createServer } = await import("vite");
    vite = await createServer({
      root: dir,
      configFile: path.join(dir, "vite.config.ts"),
      server: { middlewareMode: true },
      appType: "custom",
      logLevel: "silent",
    });
    const dev = vite;
    // The app's handler, loaded through Vite on every request (what a dev setup does).
    server = createHttpServer((req, res) => {
      dev.middlewares(req, res, async () => {
        try {
          const app = (await dev.ssrLoadModule("/src/app.ts")) as {
            handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
          };
          await app.handle(req, res);
        } catch (error) {
          res.writeHead(500).end(String((error as Error).stack ?? error));
        }
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await vite?.close();
    await removeDir(dir);
  });

  /** Writes `file` and resolves once the dev server's watcher has seen the change. */
  async function writeAndWait(file: string, text: string) {
    const seen = new Promise<void>((resolve) => {
      const onEvent = (_event: string, changed: string) => {
        if (path.resolve(changed) !== file) return;
        vite!.watcher.off("all", onEvent);
        resolve();
      };
      vite!.watcher.on("all", onEvent);
    });
    await writeFile(file, text);
    await seen;
  }

  it("runs the order workflow through the app's routes and the dev server's workflow routes", async () => {
    const walk = await walkOrder(base, "dev-1", 21);
    expect(walk.output).toEqual(expectedOrder("dev-1", 21));
    expect(walk.webhookStatus).toBe(202);
    expect(walk.unknownWebhookStatus).toBe(404);
  });

  it("runs the new body of an edited step in the next run, without a restart", async () => {
    const file = path.join(dir!, "src", "workflows", "order.ts");
    const text = await readFile(file, "utf8");
    expect(text).toContain("return amount * 2;");
    const edited = performance.now();
    await writeAndWait(file, text.replace("return amount * 2;", "return amount * 3;"));
    const walk = await walkOrder(base, "dev-2", 21);
    expect(walk.output).toEqual(expectedOrder("dev-2", 21, 3));
    // The whole walk includes the workflow's own one-second sleep.
    expect(performance.now() - edited).toBeLessThan(10_000);
  });

  it("runs a workflow file added while the server runs, started from a route added with it", async () => {
    await writeFile(
      path.join(dir!, "src", "workflows", "greet.ts"),
      `export async function greet(name: string) {
  "use workflow";
  return await shout(\`hello \${name}\`);
}

async function shout(text: string) {
  "use step";
  return text.toUpperCase() + "!";
}
`,
    );
    const appFile = path.join(dir!, "src", "app.ts");
    const app = await readFile(appFile, "utf8");
    await writeAndWait(
      appFile,
      app
        .replace(
          'import { fulfillOrder } from "./workflows/order";',
          'import { fulfillOrder } from "./workflows/order";\nimport { greet } from "./workflows/greet";',
        )
        .replace(
          '  if (req.method === "POST" && pathname === "/api/approve") {',
          `  if (req.method === "POST" && pathname === "/api/greet") {
    const run = await start(greet, ["ada"]);
    return send(res, 200, { result: await run.returnValue });
  }
  if (req.method === "POST" && pathname === "/api/approve") {`,
        ),
    );
    const body = await poll("the new route", async () => {
      const response = await fetch(`${base}/api/greet`, { method: "POST" });
      return response.status === 200 ? ((await response.json()) as unknown) : undefined;
    });
    expect(body).toEqual({ result: "HELLO ADA!" });
  });
});
