/**
 * The seed's approval, payment and GitHub webhook examples, end to end through a real node:http
 * server on 127.0.0.1: the workflows and the API routes are the seed's code as written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getHookByToken,
  resumeHook,
  resumeWebhook,
  setDefaultRuntime,
} from "../../runtime/api/index.js";
import {
  createHookTestEnv,
  ENGINE_MODES,
  type HookTestEnv,
  importClientModule,
  ofType,
  workflow,
} from "./harness.js";

type PaymentModule = typeof import("./workflows/payment.js");

interface ApprovalPayload {
  approved: boolean;
  reviewerId: string;
  comment?: string;
}

const approvalWorkflow = workflow<[string], void>("approval", "approvalWorkflow");
const paymentWorkflow = workflow<[string], void>("payment", "paymentWorkflow");
const githubPRWorkflow = workflow<[string], void>("github", "githubPRWorkflow");
const githubPRManual = workflow<[string], { event: string; payload: unknown }>(
  "github",
  "githubPRManual",
);
const githubEventLoop = workflow<[string], string[]>("github", "githubEventLoop");

let payment: PaymentModule;

// The seed's API routes, as written.
const routes = {
  "/api/approve": async (request: Request) => {
    const { token, ...payload } = await request.json();
    const result = await resumeHook<ApprovalPayload>(token, payload);
    return Response.json({ runId: result.runId });
  },
  "/api/hook": async (request: Request) => {
    const token = new URL(request.url).searchParams.get("token")!;
    const hook = await getHookByToken(token);

    if (!hook) {
      return Response.json({ error: "Invalid token" }, { status: 404 });
    }

    return Response.json({ runId: hook.runId, metadata: hook.metadata ?? null });
  },
  "/api/payment": async (request: Request) => {
    const { token, ...payload } = await request.json();

    // Validates payload against schema before resuming
    const result = await payment.paymentHook.resume(token, payload);

    return Response.json({ runId: result.runId });
  },
  "/api/webhook": async (request: Request) => {
    const url = new URL(request.url);
    const token = url.searchParams.get("token");

    if (!token) {
      return Response.json({ error: "Missing token" }, { status: 400 });
    }

    try {
      // Returns the Response from the workflow's respondWith()
      return resumeWebhook(token, request);
    } catch (error) {
      return Response.json({ error: "Webhook not found" }, { status: 404 });
    }
  },
};

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe.each(ENGINE_MODES)("seed examples over HTTP ($mode)", ({ mode, stickyCacheSize }) => {
  let env: HookTestEnv;
  const id = (name: string) => `${name}-${mode.replace(/\W/g, "")}`;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize, routes });
    setDefaultRuntime(env.runtime);
    payment = await importClientModule<PaymentModule>("payment");
  });
  afterAll(async () => {
    setDefaultRuntime(undefined);
    await env.close();
  });

  it("approval: createHook, the token sent out by a step, resumeHook from a route", async () => {
    const approved = await env.start(approvalWorkflow, [id("doc-approved")]);
    const rejected = await env.start(approvalWorkflow, [id("doc-rejected")]);
    const tokenOf = async (documentId: string) =>
      (
        await env.waitForNote<{ documentId: string; token: string }>(
          "review-requested",
          (note) => note.documentId === documentId,
        )
      ).token;

    const token1 = await tokenOf(id("doc-approved"));
    const info = await env.fetch(`/api/hook?token=${encodeURIComponent(token1)}`);
    expect(await info.json()).toEqual({ runId: approved.runId, metadata: null });
    const res1 = await env.fetch(
      "/api/approve",
      post({ token: token1, approved: true, reviewerId: "r1" }),
    );
    expect(res1.status).toBe(200);
    expect(await res1.json()).toEqual({ runId: approved.runId });

    const token2 = await tokenOf(id("doc-rejected"));
    const res2 = await env.fetch(
      "/api/approve",
      post({ token: token2, approved: false, reviewerId: "r2", comment: "Needs work" }),
    );
    expect(await res2.json()).toEqual({ runId: rejected.runId });

    await Promise.all([approved.returnValue, rejected.returnValue]);
    const outcome = (documentId: string) =>
      env.waitForNote(
        "document-outcome",
        (n: { documentId: string }) => n.documentId === documentId,
      );
    expect(await outcome(id("doc-approved"))).toEqual({
      documentId: id("doc-approved"),
      outcome: "published",
    });
    expect(await outcome(id("doc-rejected"))).toEqual({
      documentId: id("doc-rejected"),
      outcome: "rejected",
      comment: "Needs work",
    });

    // Both runs ended: the tokens are gone.
    const gone = await env.fetch(`/api/hook?token=${encodeURIComponent(token1)}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: "Invalid token" });
  });

  it("payment: defineHook with zod, resumed (and validated) by the seed's POST route", async () => {
    const orderId = id("order");
    const run = await env.start(paymentWorkflow, [orderId]);
    await env.waitForHooks(run.runId, 1);
    const token = `payment:${orderId}`;

    const invalid = await env.fetch(
      "/api/payment",
      post({ token, transactionId: "tx", status: "done", amount: 10, currency: "EUR" }),
    );
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body.error).toBe("HOOK_PAYLOAD_INVALID");
    expect(body.reason).toMatch(/transactionId: .*; status: /);
    expect(ofType(await env.events(run.runId), "hook_received")).toHaveLength(0);

    const unknown = await env.fetch("/api/payment", post({ token: "payment:none", amount: 1 }));
    expect(unknown.status).toBe(422); // validation comes first: nothing is looked up or written

    const transactionId = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
    const ok = await env.fetch(
      "/api/payment",
      post({ token, transactionId, status: "success", amount: 99.5, currency: "USD" }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ runId: run.runId });
    await run.returnValue;
    expect(
      await env.waitForNote("fulfilled", (n: { orderId: string }) => n.orderId === orderId),
    ).toEqual({ orderId, transactionId });
  });

  it("GitHub webhook: the seed's workflow as written answers 202, then its step's respondWith fails, naming the fix", async () => {
    // The seed's createWebhook() example is not "manual", yet its step calls respondWith():
    // GitHub already got 202, so the step fails at once (no retries) with WebhookNotManualError.
    const repoId = id("repo");
    const run = await env.start(githubPRWorkflow, [repoId]);
    const { token } = await env.waitForNote<{ repoId: string; token: string }>(
      "github-register",
      (n) => n.repoId === repoId,
    );
    const response = await env.fetch(
      `/.well-known/workflow/v1/webhook/${encodeURIComponent(token)}`,
      post({ action: "opened", number: 7 }, { "X-GitHub-Event": "pull_request" }),
    );
    expect(response.status).toBe(202);
    expect(await response.text()).toBe("");
    const fix = 'create the webhook with createWebhook({ respondWith: "manual" })';
    await expect(run.returnValue).rejects.toThrow(fix);

    const events = await env.events(run.runId);
    const handled = ofType(events, "step_created").filter((e) =>
      e.type === "step_created" ? e.data.stepName.endsWith("//handlePREvent") : false,
    );
    expect(handled).toHaveLength(1);
    const attempts = ofType(events, "step_started").filter(
      (e) => e.correlationId === handled[0]!.correlationId,
    );
    expect(attempts).toHaveLength(1);
    const failed = ofType(events, "step_failed").find(
      (e) => e.correlationId === handled[0]!.correlationId,
    );
    expect(failed?.type === "step_failed" && failed.data.error).toMatchObject({
      name: "WebhookNotManualError",
      message: expect.stringContaining(fix),
    });
  });

  it("GitHub webhook, manual: the step's respondWith reaches the caller (seed's resumeWebhook route)", async () => {
    const repoId = id("repo-manual");
    const run = await env.start(githubPRManual, [repoId]);
    const { token } = await env.waitForNote<{ repoId: string; token: string }>(
      "github-register",
      (n) => n.repoId === repoId,
    );
    const response = await env.fetch(
      `/api/webhook?token=${encodeURIComponent(token)}`,
      post({ action: "synchronize" }, { "X-GitHub-Event": "pull_request" }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await run.returnValue).toEqual({
      event: "pull_request",
      payload: { action: "synchronize" },
    });

    const missing = await env.fetch("/api/webhook", post({}));
    expect(missing.status).toBe(400);
    const unknown = await env.fetch("/api/webhook?token=nope", post({}));
    expect(unknown.status).toBe(404);
  });

  it("GitHub webhook: for await over several requests until the PR closes", async () => {
    const repoId = id("repo-loop");
    const run = await env.start(githubEventLoop, [repoId]);
    const { token } = await env.waitForNote<{ repoId: string; token: string }>(
      "github-register",
      (n) => n.repoId === repoId,
    );
    const url = `/.well-known/workflow/v1/webhook/${encodeURIComponent(token)}`;
    const answers = [];
    for (const action of ["opened", "synchronize", "closed"]) {
      const response = await env.fetch(url, post({ action }, { "X-GitHub-Event": "pull_request" }));
      answers.push(await response.json());
    }
    expect(answers).toEqual([
      { received: "opened" },
      { received: "synchronize" },
      { received: "closed" },
    ]);
    expect(await run.returnValue).toEqual(["opened", "synchronize", "closed"]);
    // The run ended: its webhook URL is gone.
    expect((await env.fetch(url, post({ action: "reopened" }))).status).toBe(404);
  });
});
