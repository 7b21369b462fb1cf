/**
 * The HTTP handlers (`workflow/runtime`): unknown tokens are a bare 404, malformed requests a
 * 4xx with a JSON `{ error, reason }`, and neither writes anything.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  handleRequest,
  isWorkflowPath,
  SIGNATURE_HEADER,
  signDelivery,
  toNodeHandler,
} from "../../runtime/http/index.js";
import { createHookTestEnv, type HookTestEnv, ofType, workflow } from "./harness.js";

const claimToken = workflow<[string]>("hooks", "claimToken");
const requestLoop = workflow<[string], string[]>("webhooks", "requestLoop");
const WEBHOOK = "/.well-known/workflow/v1/webhook/";

describe("workflow HTTP routes", () => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize: 1000, maxBodyBytes: 1024 });
  });
  afterAll(() => env.close());

  /** Every event of every run: what "nothing is written" is checked against. */
  const allEvents = async () => {
    const { runs } = await env.runtime.world.listRuns({ limit: 1000 });
    const logs = await Promise.all(runs.map((run) => env.events(run.runId)));
    return logs.flat().length;
  };
  const expectJsonError = async (response: Response, status: number, error: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = await response.json();
    expect(body).toMatchObject({ error });
    expect(typeof body.reason).toBe("string");
    return body.reason as string;
  };

  it("answers an unknown token with 404 and an empty body, writing nothing", async () => {
    const before = await allEvents();
    for (const method of ["POST", "GET", "PUT"]) {
      const response = await env.fetch(`${WEBHOOK}invalid`, {
        method,
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("");
    }
    expect(await allEvents()).toBe(before);
  });

  it("refuses malformed webhook requests with a JSON reason, writing nothing", async () => {
    const t = `http-${process.pid}`;
    const run = await env.start(claimToken, [t]);
    await env.waitForHooks(run.runId, 1);
    const before = await allEvents();

    const missing = await expectJsonError(
      await env.fetch(WEBHOOK, { method: "POST" }),
      400,
      "BAD_REQUEST",
    );
    expect(missing).toMatch(/Missing token/);
    await expectJsonError(
      await env.fetch(`${WEBHOOK}%E0%A4%A`, { method: "POST" }),
      400,
      "BAD_REQUEST",
    );
    const options = await env.fetch(`${WEBHOOK}${t}`, { method: "OPTIONS" });
    await expectJsonError(options, 405, "METHOD_NOT_ALLOWED");
    expect(options.headers.get("allow")).toBe("GET, POST, PUT, PATCH, DELETE");
    expect(await allEvents()).toBe(before);
    await env.runtime.world.getRun(run.runId);
  });

  it("refuses an oversized body with 413 before delivering it", async () => {
    const t = `big-body-webhook-token-${process.pid}`;
    const run = await env.start(requestLoop, [t]);
    await env.waitForHooks(run.runId, 1);
    const before = await allEvents();
    const big = JSON.stringify({ n: 0, pad: "x".repeat(4096) });
    await expectJsonError(
      await env.fetch(`${WEBHOOK}${t}`, { method: "POST", body: big }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    // Without Content-Length (a stream), the limit still holds.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    await expectJsonError(
      await env.fetch(`${WEBHOOK}${t}`, {
        method: "POST",
        body: stream,
        duplex: "half",
      } as RequestInit),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect(await allEvents()).toBe(before);
    expect(ofType(await env.events(run.runId), "hook_received")).toHaveLength(0);

    const ok = await env.fetch(`${WEBHOOK}${t}`, {
      method: "POST",
      body: JSON.stringify({ n: 1, stop: true }),
    });
    expect(await ok.text()).toBe("ack 1");
    expect(await run.returnValue).toEqual(["POST 1"]);
  });

  it("flow and step routes: POST signed JSON to queue work; malformed input is a 4xx with a reason", async () => {
    const flow = "/.well-known/workflow/v1/flow";
    const step = "/.well-known/workflow/v1/step";
    const t = `flow-${process.pid}`;
    const run = await env.start(claimToken, [t]);
    await env.waitForHooks(run.runId, 1);
    const before = await allEvents();
    const secret = (await env.runtime.world.getSecret!())!;
    let n = 0;
    /** A POST whose body is signed; objects get a fresh message ID. */
    const signed = (body: string | object): RequestInit => {
      const text = typeof body === "string" ? body : JSON.stringify({ id: `msg-${++n}`, ...body });
      return {
        method: "POST",
        body: text,
        headers: { [SIGNATURE_HEADER]: signDelivery(secret, text) },
      };
    };

    await expectJsonError(await env.fetch(flow), 405, "METHOD_NOT_ALLOWED");
    await expectJsonError(
      await env.fetch(flow, { method: "POST", body: JSON.stringify({ runId: run.runId }) }),
      401,
      "UNAUTHORIZED",
    );
    const badJson = await expectJsonError(
      await env.fetch(flow, signed("{nope")),
      400,
      "BAD_REQUEST",
    );
    expect(badJson).toBe("The body is not valid JSON.");
    expect(await expectJsonError(await env.fetch(flow, signed("[]")), 400, "BAD_REQUEST")).toMatch(
      /runId/,
    );
    expect(
      await expectJsonError(
        await env.fetch(step, signed({ runId: run.runId })),
        400,
        "BAD_REQUEST",
      ),
    ).toMatch(/"stepId"/);
    const noRun = await expectJsonError(
      await env.fetch(flow, signed({ runId: "wrun_nope" })),
      404,
      "NOT_FOUND",
    );
    expect(noRun).not.toMatch(/wrun_nope/);
    const noStep = await expectJsonError(
      await env.fetch(step, signed({ runId: run.runId, stepId: "step_nope" })),
      404,
      "NOT_FOUND",
    );
    expect(noStep).not.toContain(run.runId);
    await expectJsonError(
      await env.fetch(flow, { method: "POST", body: "x".repeat(2048) }),
      413,
      "PAYLOAD_TOO_LARGE",
    );

    const queued = await env.fetch(flow, signed({ runId: run.runId }));
    expect(queued.status).toBe(202);
    expect(await queued.json()).toEqual({ queued: "flow", id: `msg-${n}`, runId: run.runId });
    expect((await env.fetch(`${flow}?__health`)).status).toBe(200);
    // A replay of a suspended run writes nothing new.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await allEvents()).toBe(before);
  });

  it("answers any other path with a plain 404", async () => {
    for (const path of ["/", "/.well-known/workflow/v1/other", `${WEBHOOK}a/b`]) {
      const response = await handleRequest(new Request(`http://localhost${path}`), {
        runtime: env.runtime,
      });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("");
    }
  });

  it("mounts as connect-style middleware: other paths go on to the app", async () => {
    const workflowRoutes = toNodeHandler(
      (request) => handleRequest(request, { runtime: env.runtime }),
      {
        match: isWorkflowPath,
      },
    );
    const server = http.createServer((req, res) => {
      void workflowRoutes(req, res, () => res.end("app"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/page`)).text()).toBe("app");
      const response = await fetch(`${base}${WEBHOOK}unknown`, { method: "POST" });
      expect(response.status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
