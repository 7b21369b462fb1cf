/**
 * Issue 5 (Next.js items): fixtures/apps/next, built by `next build` with Turbopack (the
 * default) and with webpack, served by `next start` and driven over HTTP: an order workflow
 * (steps, a retry, a sleep, a hook, a webhook) is started through the app's route, resumed
 * through its hook and webhook, and completes with the right value; a DurableAgent imported as
 * "@workflow/ai" streams its answer through a chat route; the generated routes are
 * where Next expects them, and the webhook route answers 202 / 404. Under `next dev`, editing a
 * step and adding a workflow change the next run without a restart. Failed builds are in
 * build-errors.test.ts.
 *
 * One build per bundler serves all of its assertions; the blocks run one after the other.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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

const GENERATED = "app/.well-known/workflow/v1";
const timings: string[] = [];

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => {
  // What the suite costs, for the report and for whoever makes it slower.
  console.info(`next timings:\n  ${timings.join("\n  ")}`);
});

const EXPECTED_RESULT = {
  orderId: "",
  status: "shipped",
  totalCents: 2 * 1450 + 1900,
  reservation: "",
  approvedBy: "ada",
  carrier: "ups",
  receipt: "",
};

function expectedFor(orderId: string) {
  return {
    ...EXPECTED_RESULT,
    orderId,
    // Reserved on the second attempt: the first one throws a RetryableError.
    reservation: `res-${orderId}-attempt-2`,
    receipt: `receipt ${orderId}: 48.00`,
  };
}

describe.each(NEXT_BUNDLERS)("next build ($bundler) + next start", ({ bundler, flags }) => {
  let app: Awaited<ReturnType<typeof copyApp>>;
  let server: NextServer;
  let buildOutput = "";

  beforeAll(async () => {
    app = await copyApp();
    const build = await runNext(app.dir, ["build", ...flags]);
    buildOutput = build.output;
    expect(build.code, build.output).toBe(0);
    timings.push(`next build ${flags.join(" ")} (${bundler}): ${build.ms} ms`);
    server = await startNext(app.dir, ["start"]);
    timings.push(`next start (${bundler}): ready in ${server.startMs} ms`);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await app?.remove();
  });

  it("generates the three routes (with a .gitignore), which Next builds as dynamic routes", async () => {
    for (const file of ["flow/route.js", "step/route.js", "webhook/[token]/route.js", ".gitignore"])
      expect(existsSync(path.join(app.dir, GENERATED, file)), file).toBe(true);
    expect(await readFile(path.join(app.dir, GENERATED, ".gitignore"), "utf8")).toBe("*\n");
    for (const route of ["flow", "step", "webhook/[token]"])
      expect(buildOutput).toMatch(
        new RegExp(`ƒ /\\.well-known/workflow/v1/${route.replace(/[[\]]/g, "\\$&")}`),
      );
  });

  it("runs an order to completion: start, retry, sleep, hook, webhook", async () => {
    const started = Date.now();
    const outcome = await driveOrder(() => server.url, `${bundler}-1`);
    timings.push(`order run under next start (${bundler}): ${Date.now() - started} ms`);
    expect(outcome.status).toBe("completed");
    expect(outcome.result).toEqual(expectedFor(`${bundler}-1`));
  }, 60_000);

  it("answers 404 with an empty body for an unknown webhook token, 405 for a GET of /flow", async () => {
    const unknown = await post(`${server.url}/.well-known/workflow/v1/webhook/no-such-token`, {});
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("");
    const flow = await fetch(`${server.url}/.well-known/workflow/v1/flow`);
    expect(flow.status).toBe(405);
  });

  it("streams a DurableAgent's answer from @workflow/ai, and renders its transport in a client page", async () => {
    const response = await post(`${server.url}/api/chat`, {
      messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: `hello ${bundler}` }] }],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-workflow-run-id")).toMatch(/^wrun_/);
    const events = (await response.text())
      .split("\n\n")
      .filter((event) => event.startsWith("data: {"))
      .map((event) => JSON.parse(event.slice(6)) as { type: string; delta?: string });
    expect(events[0]!.type).toBe("start");
    expect(events.at(-1)!.type).toBe("finish");
    const text = events.filter((e) => e.type === "text-delta").map((e) => e.delta);
    expect(text.join("")).toBe(`Echo: hello ${bundler}`);
    const page = await fetch(`${server.url}/chat`);
    expect(await page.text()).toContain("transport: <!-- -->function");
  });

  it("resumes a run after a restart, through a route that only calls resumeHook", async () => {
    // The new process has run nothing when /api/approve is called: the route itself must set
    // the runtime up (the loader adds the setup import to modules that import workflow/api).
    const outcome = await driveOrder(
      () => server.url,
      `${bundler}-2`,
      async () => {
        await server.stop();
        server = await startNext(app.dir, ["start"]);
      },
    );
    expect(outcome.result).toEqual(expectedFor(`${bundler}-2`));
  }, 90_000);
});

describe("next dev (Turbopack)", () => {
  let app: Awaited<ReturnType<typeof copyApp>>;
  let server: NextServer;
  const revisionFile = () => path.join(app.dir, GENERATED, "bundles/revision");

  beforeAll(async () => {
    app = await copyApp();
    server = await startNext(app.dir, ["dev"]);
    timings.push(`next dev: ready in ${server.startMs} ms`);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await app?.remove();
  });

  /** Waits for the dev rebuild after a change: the bundles' revision changes. */
  async function waitForRebuild(before: string): Promise<number> {
    const started = Date.now();
    await poll(
      "the dev rebuild",
      async () => {
        const now = await readFile(revisionFile(), "utf8");
        return now !== before ? now : undefined;
      },
      20_000,
    );
    return Date.now() - started;
  }

  it("runs the order workflow", async () => {
    const started = Date.now();
    const outcome = await driveOrder(() => server.url, "dev-1");
    timings.push(
      `first order run under next dev (compiles the routes): ${Date.now() - started} ms`,
    );
    expect(outcome.result).toEqual(expectedFor("dev-1"));
  }, 120_000);

  it("uses a step's new body in the next run, without a restart", async () => {
    const file = path.join(app.dir, "workflows/order.ts");
    const source = await readFile(file, "utf8");
    const before = await readFile(revisionFile(), "utf8");
    const edited = Date.now();
    await writeFile(
      file,
      source.replace("return `receipt ${orderId}", "return `RECEIPT v2 ${orderId}"),
    );
    const rebuildMs = await waitForRebuild(before);
    const outcome = await driveOrder(() => server.url, "dev-2");
    timings.push(
      `next dev, step edited: bundles rebuilt in ${rebuildMs} ms, changed run done ${Date.now() - edited} ms after the edit`,
    );
    expect(outcome.result.receipt).toBe("RECEIPT v2 dev-2: 48.00");
  }, 60_000);

  it("runs a workflow added in a new file (and a new route) without a restart", async () => {
    const before = await readFile(revisionFile(), "utf8");
    const added = Date.now();
    await writeFile(
      path.join(app.dir, "workflows/greet.ts"),
      `export async function greet(name: string) {
  "use workflow";
  return await shout(\`hello \${name}\`);
}

async function shout(text: string) {
  "use step";
  return text.toUpperCase();
}
`,
    );
    await mkdir(path.join(app.dir, "app/api/greet"), { recursive: true });
    await writeFile(
      path.join(app.dir, "app/api/greet/route.ts"),
      `import { start } from "workflow/api";
import { greet } from "@/workflows/greet";

export async function POST(request: Request) {
  const { name } = (await request.json()) as { name: string };
  const run = await start(greet, [name]);
  return Response.json({ result: await run.returnValue });
}
`,
    );
    await waitForRebuild(before);
    const res = await post(`${server.url}/api/greet`, { name: "ada" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: "HELLO ADA" });
    timings.push(
      `next dev, workflow added: run done ${Date.now() - added} ms after the files were written`,
    );
  }, 60_000);
});
