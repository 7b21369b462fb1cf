/**
 * Issue 5 item 4, for Vite: `vite dev` with the fixture's own vite.config.ts (the README's), on
 * a real dev server: the app's routes run workflows whose bundles the plugin builds on demand;
 * editing a step's body, or adding a workflow file (and a route that starts it), changes the
 * next run without a restart; webhook URLs point at the dev server's port, not PORT or 3000.
 */
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
  writeAndWait,
} from "../../test/integrations/harness.js";

describe("workflow/vite in vite dev", () => {
  let dir: string | undefined;
  let vite: ViteDevServer | undefined;
  let base = "";

  beforeAll(async () => {
    ensureBuilt();
    dir = await copyFixture("vite");
    process.env.WORKFLOW_TARGET_WORLD = "file";
    process.env.WORKFLOW_DATA_DIR = path.join(dir, "data");
    delete process.env.WORKFLOW_URL;
    delete process.env.PORT;
    const { createServer } = await import("vite");
    // What `vite dev --host 127.0.0.1 --port <free>` does.
    vite = await createServer({
      root: dir,
      configFile: path.join(dir, "vite.config.ts"),
      server: { host: "127.0.0.1", port: 0 },
      logLevel: "silent",
    });
    await vite.listen();
    base = new URL(vite.resolvedUrls!.local[0]!).origin;
  }, 60_000);

  afterAll(async () => {
    await vite?.close();
    await removeDir(dir);
  });

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
    await writeAndWait(vite!, file, text.replace("return amount * 2;", "return amount * 3;"));
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
      vite!,
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

  it("reports webhook URLs on the dev server's port, and a POST to one resumes the run", async () => {
    await writeFile(
      path.join(dir!, "src", "workflows", "callback.ts"),
      `import { createWebhook, getWorkflowMetadata, getWritable } from "workflow";

export async function awaitCallback() {
  "use workflow";
  const webhook = createWebhook();
  await announce(getWritable(), webhook.url, getWorkflowMetadata().url);
  const request = await webhook;
  return { method: request.method };
}

async function announce(writable: WritableStream, webhookUrl: string, appUrl: string) {
  "use step";
  const writer = writable.getWriter();
  await writer.write({ webhookUrl, appUrl });
  writer.releaseLock();
}
`,
    );
    const appFile = path.join(dir!, "src", "app.ts");
    const app = await readFile(appFile, "utf8");
    await writeAndWait(
      vite!,
      appFile,
      app
        .replace(
          'import { fulfillOrder } from "./workflows/order";',
          'import { fulfillOrder } from "./workflows/order";\nimport { awaitCallback } from "./workflows/callback";',
        )
        .replace(
          '  if (req.method === "POST" && pathname === "/api/approve") {',
          `  if (req.method === "POST" && pathname === "/api/callback") {
    const run = await start(awaitCallback, []);
    const reader = run.readable.getReader();
    // A run that fails never writes: answer with its error instead of waiting forever.
    const ended = run.returnValue.then(
      () => ({ error: "ended without announcing" }),
      (error) => ({ error: String(error) }),
    );
    const first = await Promise.race([reader.read().then(({ value }) => ({ value })), ended]);
    await reader.cancel();
    if ("error" in first) return send(res, 500, first);
    return send(res, 200, { runId: run.runId, ...first.value });
  }
  if (req.method === "POST" && pathname === "/api/approve") {`,
        ),
    );
    const announced = await poll(
      "the callback route",
      async () => {
        const response = await fetch(`${base}/api/callback`, {
          method: "POST",
          signal: AbortSignal.timeout(15_000),
        });
        if (response.status !== 200)
          throw new Error(`${response.status}: ${await response.text()}`);
        return (await response.json()) as { runId: string; webhookUrl: string; appUrl: string };
      },
      40_000,
    );
    expect(announced.appUrl).toBe(base);
    expect(announced.webhookUrl).toMatch(new RegExp(`^${base}/\\.well-known/workflow/v1/webhook/`));
    const delivered = await fetch(announced.webhookUrl, { method: "POST", body: "done" });
    expect(delivered.status).toBe(202);
    const run = await poll("the run to complete", async () => {
      const response = await fetch(`${base}/api/runs/${announced.runId}`);
      const body = (await response.json()) as { status: string; output?: unknown };
      return body.status === "completed" ? body : undefined;
    });
    expect(run.output).toEqual({ method: "POST" });
  }, 120_000);
});
