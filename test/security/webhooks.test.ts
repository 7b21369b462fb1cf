/**
 * Webhooks facing the outside: a per-token request limit (429 with Retry-After, memory
 * bounded), a body limit per webhook (413, nothing stored), credentials stored redacted in the
 * event log while the live step still gets them, custom tokens of at least 24 characters, and
 * no run ID in any reply to the external caller.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resumeWebhook } from "../../runtime/api/index.js";
import { forgetHeldHeaders, isSensitiveHeader } from "../../runtime/api/webhook-headers.js";
import { createRateLimiter } from "../../runtime/api/webhook-rate-limit.js";
import { RequestError } from "../../runtime/http/index.js";
import { deserialize } from "../../runtime/serialization/index.js";
import type { WebhookRequest } from "../../runtime/workflow/webhook-request.js";
import {
  createHookTestEnv,
  ENGINE_MODES,
  type HookTestEnv,
  ofType,
  workflow,
  type WorkflowHandle,
} from "../hooks/harness.js";

/** A handle on workflow `name` of `test/security/workflows/webhook-limits.ts`. */
function limits<Args extends unknown[], R = unknown>(name: string): WorkflowHandle<Args, R> {
  const handle = workflow<Args, R>("webhook-limits", name);
  handle.workflowId = `workflow//./test/security/workflows/webhook-limits//${name}`;
  return handle;
}

type SeenHeaders = Record<string, string | null>;
const floodTarget = limits<[string, { limit: number; windowMs?: number }?]>("floodTarget");
const smallBodies = limits<[string, number], number>("smallBodies");
const headerCheck = limits<[string, string, string[]?], SeenHeaders>("headerCheck");
const shortToken = limits<[], unknown>("shortToken");
const neverResponds = workflow<[string], string>("webhooks", "neverResponds");
const endsWithoutResponding = workflow<[string], string>("webhooks", "endsWithoutResponding");

let unique = 0;
const token = (name: string) => `${name}-security-test-${process.pid}-${++unique}`;
const webhookPath = (t: string) => `/.well-known/workflow/v1/webhook/${encodeURIComponent(t)}`;

const SECRETS = {
  authorization: "Bearer secret-bearer-value",
  cookie: "session=secret-cookie-value",
  "x-api-key": "secret-api-key-value",
};
const KEPT = { "x-hub-signature-256": "sha256=0a1b2c3d4e5f", "x-request-id": "req-17" };

describe("webhook rate limit", () => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize: 1000 });
  });
  afterAll(() => env.close());

  it("takes 60 requests a minute per token, then answers 429 with Retry-After and stores nothing", async () => {
    const t = token("flood");
    const run = await env.start(floodTarget, [t]);
    await env.waitForHooks(run.runId, 1);
    const statuses: number[] = [];
    for (let i = 1; i <= 60; i++) {
      const response = await env.fetch(webhookPath(t), { method: "POST", body: `{"n":${i}}` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(60).fill(202));

    const refused = await env.fetch(webhookPath(t), { method: "POST", body: `{"n":61}` });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await refused.json();
    expect(body).toMatchObject({ error: "TOO_MANY_REQUESTS" });
    expect(JSON.stringify(body)).not.toContain(run.runId);
    expect(ofType(await env.events(run.runId), "hook_received")).toHaveLength(60);
  });

  it("counts each token on its own, and takes a webhook's own rateLimit", async () => {
    const [strict, other] = [token("strict"), token("other")];
    const runs = [
      await env.start(floodTarget, [strict, { limit: 3, windowMs: 60_000 }]),
      await env.start(floodTarget, [other]),
    ];
    await Promise.all(runs.map((run) => env.waitForHooks(run.runId, 1)));
    const post = (t: string) => env.fetch(webhookPath(t), { method: "POST", body: "{}" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(strict)).status);
    statuses.push((await post(other)).status);
    expect(statuses).toEqual([202, 202, 202, 429, 202]);
    expect(ofType(await env.events(runs[0]!.runId), "hook_received")).toHaveLength(3);
  });

  it("takes the limit resumeWebhook is given (handleRequest's webhookRateLimit)", async () => {
    const t = token("handler-limit");
    const run = await env.start(floodTarget, [t]);
    await env.waitForHooks(run.runId, 1);
    const options = { runtime: env.runtime, rateLimit: { limit: 2, windowMs: 10_000 } };
    const deliver = () =>
      resumeWebhook(t, new Request("http://x/hook", { method: "POST" }), options).catch((e) => e);
    expect((await deliver()).status).toBe(202);
    expect((await deliver()).status).toBe(202);
    const refused = await deliver();
    expect(RequestError.is(refused) && refused.code).toBe("TOO_MANY_REQUESTS");
    // One request comes back every windowMs / limit = 5 s.
    expect(refused.headers["retry-after"]).toBe("5");
  });

  it("keeps its memory bounded: idle tokens are forgotten first, then the least recently used", () => {
    const limiter = createRateLimiter(3);
    const rate = { limit: 2, windowMs: 1000 };
    expect(limiter.take("a", rate, 0)).toBe(0);
    expect(limiter.take("a", rate, 0)).toBe(0);
    expect(limiter.take("a", rate, 0)).toBe(1);
    limiter.take("b", rate, 0);
    limiter.take("c", rate, 0);
    expect(limiter.size).toBe(3);
    // At 2 s every bucket is full again (idle): all are dropped to make room.
    limiter.take("d", rate, 2000);
    expect(limiter.size).toBe(1);
    for (const t of ["e", "f", "g", "h"]) limiter.take(t, rate, 2000);
    expect(limiter.size).toBe(3);
  });
});

describe("webhook body limit", () => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize: 1000 });
  });
  afterAll(() => env.close());

  it("refuses a body over the webhook's maxBodyBytes with 413, storing nothing", async () => {
    const t = token("small-bodies");
    const run = await env.start(smallBodies, [t, 64]);
    await env.waitForHooks(run.runId, 1);
    const big = await env.fetch(webhookPath(t), { method: "POST", body: "x".repeat(65) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: "PAYLOAD_TOO_LARGE" });
    // Streamed without a Content-Length: refused as soon as it passes the limit.
    const streamed = await env.fetch(webhookPath(t), {
      method: "POST",
      body: new Blob(["y".repeat(100)]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(ofType(await env.events(run.runId), "hook_received")).toHaveLength(0);

    const fits = await env.fetch(webhookPath(t), { method: "POST", body: "z".repeat(64) });
    expect(fits.status).toBe(202);
    expect(await run.returnValue).toBe(64);
  });
});

describe.each(ENGINE_MODES)("webhook header redaction ($mode)", ({ stickyCacheSize }) => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize });
  });
  afterAll(() => env.close());

  const send = (t: string) =>
    env.fetch(webhookPath(t), {
      method: "POST",
      headers: { "content-type": "application/json", ...SECRETS, ...KEPT },
      body: "{}",
    });

  it("stores credentials redacted; the step that runs live gets them; signatures are kept", async () => {
    const [t, channel] = [token("redact"), `redact-${stickyCacheSize}`];
    const run = await env.start(headerCheck, [t, channel]);
    await env.waitForHooks(run.runId, 1);
    expect((await send(t)).status).toBe(202);

    // The step, run live in this process, saw every real value.
    expect(await env.waitForNote<SeenHeaders>(channel)).toEqual({ ...SECRETS, ...KEPT });
    // The workflow sees what the log holds, the same on every replay.
    expect(await run.returnValue).toEqual({
      authorization: "[redacted]",
      cookie: "[redacted]",
      "x-api-key": "[redacted]",
      ...KEPT,
    });
    const log = JSON.stringify(await env.events(run.runId));
    for (const value of Object.values(SECRETS)) expect(log).not.toContain(value.split(" ").at(-1));
    expect(log).toContain(KEPT["x-hub-signature-256"]);

    // After a restart (the held values are gone) a step reading the stored request sees
    // "[redacted]", never the value.
    const [received] = ofType(await env.events(run.runId), "hook_received");
    const payload = (received as { data: { payload: string } }).data.payload;
    const live = deserialize(payload) as WebhookRequest;
    expect(live.headers.get("authorization")).toBe(SECRETS.authorization);
    forgetHeldHeaders();
    const restarted = deserialize(payload) as WebhookRequest;
    expect(restarted.headers.get("authorization")).toBe("[redacted]");
    expect(restarted.headers.get("cookie")).toBe("[redacted]");
    expect(restarted.headers.get("x-hub-signature-256")).toBe(KEPT["x-hub-signature-256"]);
  });

  it("redacts credentials by name and keeps signatures", () => {
    const redacted = ["authorization", "Proxy-Authorization", "cookie", "set-cookie", "x-api-key"];
    redacted.push("api-key", "x-auth-token", "x-gitlab-token", "x-session-id", "x-client-secret");
    const kept = ["x-hub-signature-256", "stripe-signature", "x-slack-signature", "content-type"];
    kept.push("user-agent", "x-github-event", "x-request-id", "content-length");
    expect(redacted.filter((name) => !isSensitiveHeader(name))).toEqual([]);
    expect(kept.filter(isSensitiveHeader)).toEqual([]);
  });

  it("stores a header the webhook names in keepHeaders as received", async () => {
    const [t, channel] = [token("keep"), `keep-${stickyCacheSize}`];
    const run = await env.start(headerCheck, [t, channel, ["Authorization"]]);
    await env.waitForHooks(run.runId, 1);
    expect((await send(t)).status).toBe(202);
    expect(await run.returnValue).toEqual({
      authorization: SECRETS.authorization,
      cookie: "[redacted]",
      "x-api-key": "[redacted]",
      ...KEPT,
    });
    const log = JSON.stringify(await env.events(run.runId));
    expect(log).toContain("secret-bearer-value");
    expect(log).not.toContain("secret-cookie-value");
  });
});

describe("webhook tokens and replies", () => {
  let env: HookTestEnv;
  beforeAll(async () => {
    env = await createHookTestEnv({ stickyCacheSize: 1000 });
  });
  afterAll(() => env.close());

  it("refuses a custom token shorter than 24 characters at createWebhook, with a code", async () => {
    const run = await env.start(shortToken, []);
    const thrown = (await run.returnValue) as { name: string; code: string; message: string };
    expect(thrown).toMatchObject({
      name: "WebhookTokenTooShortError",
      code: "WEBHOOK_TOKEN_TOO_SHORT",
    });
    expect(thrown.message).toMatch(/^createWebhook\(\): a custom token must have at least 24 /);
    expect(thrown.message).not.toContain("order-42-delivery");
    expect(ofType(await env.events(run.runId), "hook_created")).toHaveLength(0);
  });

  it("never names the run in the 504, run-ended and 404 replies", async () => {
    const slow = token("never-answers");
    const slowRun = await env.start(neverResponds, [slow]);
    await env.waitForHooks(slowRun.runId, 1);
    const timeout = await resumeWebhook(slow, new Request("http://x/hook"), {
      runtime: env.runtime,
      responseTimeoutMs: 100,
    });
    expect(timeout.status).toBe(504);
    const timeoutText = await timeout.text();
    expect(JSON.parse(timeoutText)).toMatchObject({ error: "WEBHOOK_RESPONSE_TIMEOUT" });
    expect(timeoutText).not.toContain(slowRun.runId);

    const ends = token("ends-silently");
    const endsRun = await env.start(endsWithoutResponding, [ends]);
    await env.waitForHooks(endsRun.runId, 1);
    const ended = await env.fetch(webhookPath(ends), { method: "DELETE" });
    expect(ended.status).toBe(500);
    const endedText = await ended.text();
    expect(JSON.parse(endedText)).toMatchObject({ error: "WEBHOOK_RESPONSE_NOT_SENT" });
    expect(endedText).not.toContain(endsRun.runId);
    expect(endedText).not.toContain(ends);
    expect(await endsRun.returnValue).toBe("DELETE");

    const gone = await env.fetch(webhookPath(ends), { method: "POST", body: "{}" });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe("");
    await slowRun.returnValue;
  });
});
