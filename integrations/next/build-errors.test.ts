/**
 * Issue 8 part 4 (Next.js): a mistake in workflow code fails `next build`, under Turbopack and
 * under webpack, as a build error of the app (not "Failed to load next.config.mjs"), that reads
 * as one block: the file with `line:column` (from 1), the code frame and the fix, once. A typo
 * in a file the server imports, and one in a helper that only workflow code imports (which
 * only the workflow bundle build sees); a Node.js built-in in a workflow; a typo in a route,
 * which only the loader sees. Once fixed, the app builds again. Under `next dev`, the routes
 * that start workflows fail at such a typo until a save fixes it.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyApp,
  driveOrder,
  ensureBuilt,
  type NextServer,
  poll,
  post,
  runNext,
  startNext,
  NEXT_BUNDLERS,
} from "../../test/next/next-app.js";

beforeAll(() => ensureBuilt(), 300_000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How often `text` occurs in `output`. */
const count = (output: string, text: string) => output.split(text).length - 1;

/** The block of one mistake: where (1-based), the frame, the fix; once, and nothing of ours else. */
function expectOneBlock(output: string, at: string, frameLine: number, frameText: string) {
  expect(output).not.toContain("Failed to load next.config");
  expect(count(output, `${at}:`), `"${at}" once in:\n${output}`).toBe(1);
  expect(output).toMatch(new RegExp(`> ${frameLine} \\|\\s+${escape(frameText)}`));
  // No stack frames: neither the loader's nor withWorkflow's.
  expect(output).not.toMatch(/^\s+at .*(?:workflow|dist)[/\\]/m);
  expect(output).not.toContain("BundleBuildError");
}

/** The 1-based line of the first line of `source` that holds `text`. */
const lineOf = (source: string, text: string) =>
  source.split("\n").findIndex((l) => l.includes(text)) + 1;

/**
 * The order workflow with its step writeReceipt moved to workflows/receipt.ts, which the
 * workflow body alone calls: the client transform drops the import with the body, so the
 * server never imports the helper; only the workflow bundle build sees it.
 */
function splitHelper(original: string): { order: string; helper: string } {
  const receipt = /\nasync function writeReceipt[^]*$/.exec(original)![0];
  return {
    order: original
      .replace(receipt, "\n")
      .replace(/^(import[^;]*;\n)/m, '$1import { writeReceipt } from "./receipt";\n'),
    helper: `export ${receipt.trimStart()}`,
  };
}

describe.each(NEXT_BUNDLERS)("next build ($bundler) errors", ({ bundler, flags }) => {
  let app: Awaited<ReturnType<typeof copyApp>>;
  let original: string;
  const file = (name: string) => path.join(app.dir, name);

  beforeAll(async () => {
    app = await copyApp();
    original = await readFile(file("workflows/order.ts"), "utf8");
  }, 60_000);

  afterAll(async () => {
    await app?.remove();
  });

  it("fails at a misspelled directive in a workflow file, as one block naming it", async () => {
    const typo = original.replace('"use step";', '"use stpe";');
    await writeFile(file("workflows/order.ts"), typo);
    try {
      const build = await runNext(app.dir, ["build", ...flags]);
      expect(build.code, build.output).not.toBe(0);
      const line = lineOf(typo, '"use stpe";');
      expectOneBlock(build.output, `workflows/order.ts:${line}:3`, line, '"use stpe";');
      expect(count(build.output, 'Did you mean "use step"?')).toBe(1);
      expect(count(build.output, 'Write exactly "use step".')).toBe(1);
    } finally {
      await writeFile(file("workflows/order.ts"), original);
    }
  }, 240_000);

  it("fails at a misspelled directive in a helper that only workflow code imports", async () => {
    const { order, helper } = splitHelper(original);
    const typo = helper.replace('"use step";', '"use stpe";');
    await writeFile(file("workflows/receipt.ts"), typo);
    await writeFile(file("workflows/order.ts"), order);
    try {
      const build = await runNext(app.dir, ["build", ...flags]);
      expect(build.code, build.output).not.toBe(0);
      const line = lineOf(typo, '"use stpe";');
      expectOneBlock(build.output, `workflows/receipt.ts:${line}:3`, line, '"use stpe";');
      expect(count(build.output, 'Write exactly "use step".')).toBe(1);
    } finally {
      await rm(file("workflows/receipt.ts"), { force: true });
      await writeFile(file("workflows/order.ts"), original);
    }
  }, 240_000);

  it.runIf(bundler === "Turbopack")(
    "builds again once the mistake is fixed",
    async () => {
      const build = await runNext(app.dir, ["build", ...flags]);
      expect(build.code, build.output).toBe(0);
    },
    300_000,
  );
});

describe("next build errors", () => {
  let app: Awaited<ReturnType<typeof copyApp>>;
  let original: string;
  const workflowFile = () => path.join(app.dir, "workflows/order.ts");

  beforeAll(async () => {
    app = await copyApp();
    original = await readFile(workflowFile(), "utf8");
  }, 60_000);

  afterAll(async () => {
    await app?.remove();
  });

  it("fails on a workflow that imports a Node built-in, saying to move that code into a step", async () => {
    await writeFile(
      workflowFile(),
      `import { hostname } from "node:os";\n${original.replace(
        "const totalCents = await priceOrder(order);",
        "const totalCents = (await priceOrder(order)) + hostname().length;",
      )}`,
    );
    try {
      const build = await runNext(app.dir, ["build"]);
      expect(build.code).not.toBe(0);
      expect(build.output).not.toContain("Failed to load next.config");
      expect(count(build.output, "workflows/order.ts:1:26")).toBe(1);
      expect(build.output).toContain('imports the Node.js module "node:os"');
      expect(build.output).toMatch(/Move the code that needs "node:os" into a step/);
    } finally {
      await writeFile(workflowFile(), original);
    }
  }, 240_000);

  it.each(NEXT_BUNDLERS)(
    "fails ($bundler) on a misspelled directive in a route, through the loader",
    async ({ flags }) => {
      const route = path.join(app.dir, "app/api/orders/route.ts");
      const routeSource = await readFile(route, "utf8");
      await writeFile(
        route,
        `${routeSource}\nexport async function audit(orderId: string) {\n  "use workflw";\n  return orderId;\n}\n`,
      );
      try {
        const build = await runNext(app.dir, ["build", ...flags]);
        expect(build.code).not.toBe(0);
        const line = routeSource.split("\n").length + 2;
        expect(build.output).toContain(`app/api/orders/route.ts:${line}:3`);
        expect(build.output).toContain('Did you mean "use workflow"?');
        expect(build.output).toMatch(new RegExp(`> ${line} \\|\\s+"use workflw";`));
      } finally {
        await writeFile(route, routeSource);
      }
    },
    240_000,
  );
});

describe("next dev (Turbopack) errors", () => {
  let app: Awaited<ReturnType<typeof copyApp>>;
  let server: NextServer;
  const file = (name: string) => path.join(app.dir, name);
  const setupText = () => readFile(file("app/.well-known/workflow/v1/setup.js"), "utf8");

  beforeAll(async () => {
    app = await copyApp();
    server = await startNext(app.dir, ["dev"]);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await app?.remove();
  });

  it("fails the routes that start workflows at a typo in a helper, until a save fixes it", async () => {
    const original = await readFile(file("workflows/order.ts"), "utf8");
    const { order, helper } = splitHelper(original);
    const typo = helper.replace('"use step";', '"use stpe";');
    await writeFile(file("workflows/receipt.ts"), typo);
    await writeFile(file("workflows/order.ts"), order);
    await poll("the failed setup module", async () =>
      (await setupText()).includes("receipt.ts") ? true : undefined,
    );
    const failed = await post(`${server.url}/api/orders`, { orderId: "dev-typo", items: [] });
    expect(failed.status).toBe(500);
    const line = lineOf(typo, '"use stpe";');
    await poll("the error in the terminal", async () =>
      server.output.includes(`workflows/receipt.ts:${line}:3`) ? true : undefined,
    );
    expect(server.output).toMatch(new RegExp(`> ${line} \\|\\s+"use stpe";`));
    expect(server.output).toContain('Write exactly "use step".');

    await writeFile(file("workflows/receipt.ts"), helper);
    await poll("the setup module of the rebuilt bundles", async () =>
      (await setupText()).includes("useWorkflowBundles") ? true : undefined,
    );
    const outcome = await driveOrder(() => server.url, "dev-fixed");
    expect(outcome.status).toBe("completed");
    expect(outcome.result.receipt).toBe("receipt dev-fixed: 48.00");
  }, 120_000);
});
