/**
 * Issue 9, items 1 and 3: the flow and step routes act only on deliveries signed with the
 * world's secret (anything else is 401, with nothing queued, written or run); the routes match
 * from the start of the path; a 500 says only INTERNAL_ERROR and a request ID, the detail going
 * to the server's log under the same ID; and the secret is resolved per world.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start } from "../../runtime/api/index.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import {
  handleRequest,
  SIGNATURE_HEADER,
  signDelivery,
  toNodeHandler,
} from "../../runtime/http/index.js";
import {
  createFileWorld,
  createMemoryWorld,
  createPostgresWorld,
  type World,
} from "../../runtime/worlds/index.js";
import { startPostgres } from "../support/postgres.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bundles = createBundleSource({ root: ROOT });
const countOnce = Object.assign(async (_label: string): Promise<string> => "", {
  workflowId: "workflow//./test/security/workflows/deliveries//countOnce",
});
const stepRuns = () => (globalThis as { __deliveriesStepRuns?: number }).__deliveriesStepRuns ?? 0;

const BASE = "http://localhost";
const FLOW = "/.well-known/workflow/v1/flow";
const STEP = "/.well-known/workflow/v1/step";
const MINUTE = 60_000;

/** A POST of `body` to `route`, with `signature` as its header (none when undefined). */
const post = (route: string, body: string, signature?: string) =>
  new Request(`${BASE}${route}`, {
    method: "POST",
    body,
    headers: signature === undefined ? {} : { [SIGNATURE_HEADER]: signature },
  });

describe("signed deliveries to the flow and step routes", () => {
  let world: World;
  let runtime: Runtime;
  let secret: string;
  let runId: string;
  let stepId: string;
  let ids = 0;
  const enqueued: unknown[] = [];
  /** The message each route takes, with a fresh ID. */
  const bodyFor = (route: string) =>
    JSON.stringify(
      route === STEP ? { id: `m${++ids}`, runId, stepId } : { id: `m${++ids}`, runId },
    );
  const send = (request: Request) => handleRequest(request, { runtime });
  const eventCount = async () => (await world.readEvents(runId)).length;

  beforeAll(async () => {
    world = createMemoryWorld({ retryBaseMs: 5 });
    runtime = createRuntime({ world, bundles, retryDelayMs: 10 });
    await runtime.start();
    const run = await start(countOnce, ["a"], { runtime });
    expect(await run.returnValue).toBe("ran a");
    runId = run.runId;
    stepId = [...(await world.getRun(runId))!.steps.keys()][0]!;
    secret = (await world.getSecret!())!;
    const enqueue = world.queue.enqueue.bind(world.queue);
    vi.spyOn(world.queue, "enqueue").mockImplementation((message, options) => {
      enqueued.push(message);
      return enqueue(message, options);
    });
  });
  afterAll(() => runtime.close());

  for (const route of [FLOW, STEP]) {
    it(`${route}: unsigned, wrongly signed, expired and future deliveries are 401; nothing is queued, written or run`, async () => {
      const events = await eventCount();
      const runs = stepRuns();
      const now = Date.now();
      const cases: Array<[string, (body: string) => string | undefined]> = [
        ["unsigned", () => undefined],
        ["empty header", () => ""],
        ["malformed header", () => "v1=abc"],
        ["another secret", (body) => signDelivery("x".repeat(32) + secret, body)],
        ["signature of another body", () => signDelivery(secret, bodyFor(route))],
        ["6 minutes old", (body) => signDelivery(secret, body, now - 6 * MINUTE)],
        ["6 minutes ahead", (body) => signDelivery(secret, body, now + 6 * MINUTE)],
      ];
      for (const [name, sign] of cases) {
        const body = bodyFor(route);
        const response = await send(post(route, body, sign(body)));
        expect(response.status, name).toBe(401);
        const answer = await response.json();
        expect(answer.error, name).toBe("UNAUTHORIZED");
        expect(JSON.stringify(answer), name).not.toContain(runId);
      }
      // A body that is not even JSON is refused for its signature before it is parsed.
      expect((await send(post(route, "{nope"))).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(enqueued).toEqual([]);
      expect(await eventCount()).toBe(events);
      expect(stepRuns()).toBe(runs);
    });

    it(`${route}: a correctly signed delivery is acted on once; its replay is 401`, async () => {
      enqueued.length = 0;
      const events = await eventCount();
      const runs = stepRuns();
      const body = bodyFor(route);
      const signature = signDelivery(secret, body);
      const accepted = await send(post(route, body, signature));
      expect(accepted.status).toBe(202);
      expect(enqueued).toHaveLength(1);
      expect(enqueued[0]).toMatchObject(
        route === STEP ? { kind: "step", stepId } : { kind: "workflow" },
      );

      const replayed = await send(post(route, body, signature));
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toMatchObject({ error: "UNAUTHORIZED" });
      // Re-signed later with the same message ID: still the same message.
      const resigned = await send(post(route, body, signDelivery(secret, body, Date.now() + 1000)));
      expect(resigned.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(enqueued).toHaveLength(1);
      // The run had completed: its step is not run again, and nothing is appended.
      expect(stepRuns()).toBe(runs);
      expect(await eventCount()).toBe(events);
      enqueued.length = 0;
    });
  }

  it("a delivery that failed (an unknown run) may be sent again once it can succeed", async () => {
    const body = JSON.stringify({ id: "retry-me", runId: "wrun_unknown" });
    const first = await send(post(FLOW, body, signDelivery(secret, body)));
    expect(first.status).toBe(404);
    const answer = await first.json();
    expect(answer.error).toBe("NOT_FOUND");
    expect(JSON.stringify(answer)).not.toContain("wrun_unknown");
    expect((await send(post(FLOW, body, signDelivery(secret, body)))).status).toBe(404);
  });

  it("4xx reasons carry no parser text or run IDs", async () => {
    const bad = '{"id": "x", "runId": ';
    const response = await send(post(FLOW, bad, signDelivery(secret, bad)));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "BAD_REQUEST",
      reason: "The body is not valid JSON.",
    });
  });

  it("matches the routes from the start of the path only; basePath mounts them under a prefix", async () => {
    const body = bodyFor(FLOW);
    const signature = signDelivery(secret, body);
    for (const prefix of ["/anything", "/app", "//"]) {
      const response = await send(post(`${prefix}${FLOW}`, body, signature));
      expect(response.status, prefix).toBe(404);
      expect(await response.text()).toBe("");
    }
    const mounted = (request: Request) => handleRequest(request, { runtime, basePath: "/app/" });
    expect((await mounted(post(FLOW, body, signature))).status).toBe(404);
    expect((await mounted(post(`/other/app${FLOW}`, body, signature))).status).toBe(404);
    expect((await mounted(post(`/app${FLOW}`, body, signature))).status).toBe(202);
    enqueued.length = 0;
  });

  it("a 500 is exactly { error: INTERNAL_ERROR, requestId }; the detail goes to onError with that ID", async () => {
    const broken = createMemoryWorld();
    broken.getRun = async () => {
      throw new Error("EIO: could not read /var/lib/app/.workflow-data/runs/wrun_secret.jsonl");
    };
    const brokenRuntime = createRuntime({ world: broken, bundles });
    const reported: Array<{ error: unknown; requestId: string }> = [];
    try {
      const key = (await broken.getSecret())!;
      const body = JSON.stringify({ id: "m-500", runId: "wrun_secret" });
      const response = await handleRequest(post(FLOW, body, signDelivery(key, body)), {
        runtime: brokenRuntime,
        onError: (error, { requestId }) => reported.push({ error, requestId }),
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      const answer = JSON.parse(text) as { requestId: string };
      expect(Object.keys(answer)).toEqual(["error", "requestId"]);
      expect(answer).toEqual({ error: "INTERNAL_ERROR", requestId: expect.any(String) });
      expect(text).not.toMatch(/wrun_secret|workflow-data|EIO/);
      expect(reported).toHaveLength(1);
      expect(reported[0]!.requestId).toBe(answer.requestId);
      expect((reported[0]!.error as Error).message).toMatch(/\/var\/lib\/app/);
    } finally {
      await brokenRuntime.close();
    }
  });

  it("toNodeHandler's 500 for a handler that throws is the same, logged by default through console.error", async () => {
    const http = await import("node:http");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const server = http.createServer(
      toNodeHandler(() => {
        throw new Error("internal detail at /srv/app/secret.txt");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}${FLOW}`, { method: "POST" });
      expect(response.status).toBe(500);
      const answer = (await response.json()) as { error: string; requestId: string };
      expect(Object.keys(answer)).toEqual(["error", "requestId"]);
      expect(answer.error).toBe("INTERNAL_ERROR");
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toContain(answer.requestId);
      expect((logged.mock.calls[0]![1] as Error).message).toContain("/srv/app/secret.txt");
    } finally {
      logged.mockRestore();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the delivery secret", () => {
  it("WORKFLOW_SECRET shorter than 32 bytes is an error naming the variable, when the world is created", () => {
    vi.stubEnv("WORKFLOW_SECRET", "too-short");
    try {
      expect(() => createMemoryWorld()).toThrow(/WORKFLOW_SECRET is 9 bytes long.*at least 32/);
      expect(() => createFileWorld({ dir: tmpdir() })).toThrow(/WORKFLOW_SECRET/);
      expect(() => createPostgresWorld({ connectionString: "postgres://127.0.0.1:1/x" })).toThrow(
        /WORKFLOW_SECRET/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("WORKFLOW_SECRET, when set, is the world's secret", async () => {
    const configured = "s".repeat(40);
    vi.stubEnv("WORKFLOW_SECRET", configured);
    try {
      expect(await createMemoryWorld().getSecret()).toBe(configured);
      expect(await createMemoryWorld({ secret: "o".repeat(32) }).getSecret()).toBe("o".repeat(32));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("the file world makes a random secret at its first start and keeps it (mode 0600)", async () => {
    vi.stubEnv("WORKFLOW_SECRET", "");
    const dir = await mkdtemp(path.join(tmpdir(), "wf-secret-"));
    try {
      const first = createFileWorld({ dir });
      await first.start();
      const file = path.join(dir, "secret");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const secret = (await readFile(file, "utf8")).trim();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      expect(await first.getSecret()).toBe(secret);
      await first.close();
      const second = createFileWorld({ dir });
      await second.start();
      expect(await second.getSecret()).toBe(secret);
      await second.close();
      // Two memory worlds: two secrets.
      expect(await createMemoryWorld().getSecret()).not.toBe(await createMemoryWorld().getSecret());
    } finally {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the Postgres world without a secret refuses deliveries with 503 SECRET_NOT_CONFIGURED", async () => {
    vi.stubEnv("WORKFLOW_SECRET", "");
    const postgres = await startPostgres();
    const pgWorld = createPostgresWorld({ connectionString: postgres.url, schema: "deliveries" });
    const pgRuntime = createRuntime({ world: pgWorld, bundles });
    try {
      expect(await pgWorld.getSecret()).toBeUndefined();
      const body = JSON.stringify({ id: "m", runId: "wrun_x" });
      for (const route of [FLOW, STEP]) {
        const response = await handleRequest(
          post(route, body, signDelivery("k".repeat(32), body)),
          {
            runtime: pgRuntime,
          },
        );
        expect(response.status).toBe(503);
        const answer = await response.json();
        expect(answer.error).toBe("SECRET_NOT_CONFIGURED");
        expect(answer.reason).toMatch(/WORKFLOW_SECRET/);
      }
    } finally {
      vi.unstubAllEnvs();
      await pgRuntime.close();
      await postgres.stop();
    }
  }, 60_000);
});
