/**
 * `vite dev` prints mistakes in workflow code in the dev console (Vite's logger), as a build
 * does (file, line, column, code frame), once per change of the file:
 * - a directive mistake in a module the app loads (through the module runner, which prints
 *   nothing itself: the error only reaches the code that imported the module);
 * - one found only when the workflow's bundle is built (here in a package, which the dev
 *   server leaves to Node, so `start()` succeeds and only the run fails).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunnableDevEnvironment, ViteDevServer } from "vite";
import {
  copyFixture,
  ensureBuilt,
  poll,
  removeDir,
  writeAndWait,
} from "../../test/integrations/harness.js";

describe("workflow/vite in vite dev: mistakes in workflow code", () => {
  let dir: string | undefined;
  let vite: ViteDevServer | undefined;
  let base = "";
  let original = "";
  let typoLine = 0;
  const logged: string[] = [];
  const orderFile = () => path.join(dir!, "src", "workflows", "order.ts");
  /** What the plugin printed: it starts with the file (Vite's own: "Internal server error: ..."). */
  const printed = (prefix: string, text: string) =>
    logged.filter((message) => message.startsWith(prefix) && message.includes(text));

  beforeAll(async () => {
    ensureBuilt();
    dir = await copyFixture("vite");
    process.env.WORKFLOW_TARGET_WORLD = "file";
    process.env.WORKFLOW_DATA_DIR = path.join(dir, "data");
    original = await readFile(orderFile(), "utf8");
    const typo = original.replace(
      /(async function priceOrder[^\n]*\n\s*)"use step";/,
      '$1"use stpe";',
    );
    typoLine = typo.split("\n").indexOf('  "use stpe";') + 1;
    await writeFile(orderFile(), typo);
    const { createLogger, createServer } = await import("vite");
    const logger = createLogger("silent");
    vite = await createServer({
      root: dir,
      configFile: path.join(dir, "vite.config.ts"),
      server: { host: "127.0.0.1", port: 0 },
      customLogger: { ...logger, error: (message: string) => void logged.push(message) },
    });
    await vite.listen();
    base = new URL(vite.resolvedUrls!.local[0]!).origin;
  }, 60_000);

  afterAll(async () => {
    await vite?.close();
    await removeDir(dir);
  });

  it("prints a misspelled directive in a module the app loads, once", async () => {
    const ssr = vite!.environments.ssr as RunnableDevEnvironment;
    const load = () => ssr.runner.import("/src/app.ts");
    await expect(load()).rejects.toThrow("STEP_DIRECTIVE_TYPO");
    await expect(load()).rejects.toThrow("STEP_DIRECTIVE_TYPO");
    const ours = printed(orderFile(), `src/workflows/order.ts:${typoLine}:3`);
    expect(ours, logged.join("\n---\n")).toHaveLength(1);
    expect(ours[0]).toContain(`> ${typoLine} |   "use stpe";`);
    expect(ours[0]).toContain('Write exactly "use step".');
  });

  it("prints a mistake found while building a workflow's bundle, when start() succeeded", async () => {
    await writeAndWait(vite!, orderFile(), original);
    const file = path.join(dir!, "node_modules", "order-fees", "index.js");
    const source = await readFile(file, "utf8");
    await writeFile(file, source.replace('"use step";', '"use stpe";'));
    const line = source.split("\n").indexOf('  "use step";') + 1;
    const started = await fetch(`${base}/api/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId: "typo-1", amount: 1 }),
    });
    expect(started.status, await started.text()).toBe(202);
    const ours = await poll("the error in the dev console", async () => {
      const found = printed("node_modules/order-fees/index.js", `index.js:${line}:`);
      return found.length ? found : undefined;
    });
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain("STEP_DIRECTIVE_TYPO");
    expect(ours[0]).toMatch(new RegExp(`> ${line} \\|\\s+"use stpe";`));
  });
});
