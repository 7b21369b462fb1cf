import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getHookByToken, resumeHook, resumeWebhook } from "../../runtime/api/index.js";
import { HookNotFoundError } from "../../runtime/errors/index.js";
import { createHookTestEnv, ENGINE_MODES, type HookTestEnv, ofType, workflow } from "./harness.js";

const threeWebhooks = workflow<[string, string, string]>("webhooks", "threeWebhooks");
const requestLoop = workflow<[string], string[]>("webhooks", "requestLoop");
const neverResponds = workflow<[string], string>("webhooks", "neverResponds");
const endsWithoutResponding = workflow<[string], string>("webhooks", "endsWithoutResponding");
const respondInWorkflow = workflow<[string], string>("webhooks", "respondInWorkflow");
const respondToPlainWebhook = workflow<[string], unknown>("webhooks", "respondToPlainWebhook");
const claimToken = workflow<[string]>("hooks", "claimToken");

let unique = 0;
// Custom webhook tokens need at least 24 characters.
const token = (name: string) => `${name}-webhook-test-token-${process.pid}-${++unique}`;
const webhookPath = (t: string) => `/.well-known/workflow/v1/webhook/${encodeURIComponent(t)}`;
const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe.each(ENGINE_MODES)("createWebhook ($mode)", ({ stickyCacheSize }) => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize });
  });
  afterAll(() => env.close());
  const hooksCreated = (runId: string, count: number) => env.waitForHooks(runId, count);

  it("answers 202 by default, the static Response as is, and a step's response for manual", async () => {
    const [t1, t2, t3] = [token("plain"), token("static"), token("manual ü/?")];
    const run = await env.start(threeWebhooks, [t1, t2, t3]);
    await hooksCreated(run.runId, 3);

    // All three arrive before the workflow awaits the later ones: kept until then.
    const plain = await env.fetch(webhookPath(t1), postJson({ n: 1 }));
    expect(plain.status).toBe(202);
    expect(await plain.text()).toBe("");
    const fixed = await env.fetch(webhookPath(t2), postJson({ n: 2 }));
    expect(fixed.status).toBe(402);
    expect(fixed.headers.get("x-static")).toBe("yes");
    expect(await fixed.text()).toBe("Hello from static response!");
    const manual = await env.fetch(webhookPath(t3), postJson({ n: 3 }));
    expect(manual.status).toBe(200);
    expect(manual.headers.get("x-answered-by")).toBe("step");
    expect(await manual.text()).toBe("Hello from webhook!");

    const urls = [t1, t2, t3].map((t) => new URL(webhookPath(t), env.url).href);
    expect(await run.returnValue).toEqual({
      urls,
      seen: [1, 2, 3].map((n, i) => ({
        url: urls[i],
        method: "POST",
        contentType: "application/json",
        body: { n },
      })),
    });
  });

  it("delivers several requests to a for await loop, each answered by a step", async () => {
    const t = token("loop");
    const run = await env.start(requestLoop, [t]);
    await hooksCreated(run.runId, 1);
    const answers: string[] = [];
    for (const [method, body] of [
      ["POST", { n: 1 }],
      ["PUT", { n: 2 }],
      ["PATCH", { n: 3, stop: true }],
    ] as const) {
      const response = await env.fetch(webhookPath(t), { ...postJson(body), method });
      answers.push(`${response.status} ${await response.text()}`);
    }
    expect(answers).toEqual(["200 ack 1", "200 ack 2", "200 ack 3"]);
    expect(await run.returnValue).toEqual(["POST 1", "PUT 2", "PATCH 3"]);
  });

  it("answers a manual webhook's caller with a JSON 504 when no step responds in time", async () => {
    const t = token("never");
    const run = await env.start(neverResponds, [t]);
    await hooksCreated(run.runId, 1);
    const response = await resumeWebhook(t, new Request(new URL(webhookPath(t), env.url)), {
      runtime: env.runtime,
      responseTimeoutMs: 150,
    });
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: "WEBHOOK_RESPONSE_TIMEOUT" });
    expect(await run.returnValue).toBe("GET");
  });

  it("answers at once with a JSON 500 when the run ends without responding", async () => {
    const t = token("ends");
    const run = await env.start(endsWithoutResponding, [t]);
    await hooksCreated(run.runId, 1);
    const response = await resumeWebhook(t, new Request("http://x/hook", { method: "DELETE" }), {
      runtime: env.runtime,
      responseTimeoutMs: 5000,
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: "WEBHOOK_RESPONSE_NOT_SENT" });
    expect(await run.returnValue).toBe("DELETE");
  });

  it("says to use a step when the workflow calls respondWith itself", async () => {
    const t = token("in-workflow");
    const run = await env.start(respondInWorkflow, [t]);
    await hooksCreated(run.runId, 1);
    expect((await env.fetch(webhookPath(t), postJson({}))).status).toBe(202);
    expect(await run.returnValue).toMatch(/must be called from within a step function/);
  });

  it("throws WebhookNotManualError from respondWith in a step when the webhook is not manual", async () => {
    const t = token("not-manual");
    const run = await env.start(respondToPlainWebhook, [t]);
    await hooksCreated(run.runId, 1);
    const response = await env.fetch(webhookPath(t), postJson({}));
    expect(response.status).toBe(202);
    expect(await run.returnValue).toEqual({
      name: "WebhookNotManualError",
      code: "WEBHOOK_NOT_MANUAL",
      message: expect.stringContaining(
        `its caller already got its response (202, or the webhook's static respondWith Response) when the request arrived. To answer from a step, create the webhook with createWebhook({ respondWith: "manual" })`,
      ),
    });
  });

  it("resumeWebhook is HookNotFoundError for unknown tokens and for plain hooks", async () => {
    const opts = { runtime: env.runtime };
    const unknown = await resumeWebhook("nope", new Request("http://x/"), opts).catch((e) => e);
    expect(HookNotFoundError.is(unknown)).toBe(true);

    const t = token("plain-hook");
    const run = await env.start(claimToken, [t]);
    await hooksCreated(run.runId, 1);
    const plainHook = await resumeWebhook(t, new Request("http://x/"), opts).catch((e) => e);
    expect(HookNotFoundError.is(plainHook)).toBe(true);
    expect((await env.fetch(webhookPath(t), postJson({}))).status).toBe(404);
    expect(ofType(await env.events(run.runId), "hook_received")).toHaveLength(0);
    await resumeHook(t, "done", opts);
    await run.returnValue;
    expect(await getHookByToken(t, opts)).toBeNull();
  });
});
