/**
 * workflow/testing's runtime: the production engine on a virtual clock. A week of sleeps, an
 * hour's retry and a three-day hook timeout finish at once; mocked steps are retried as in
 * production and their attempts recorded; waitFor + resumeHook drive a run from a test.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../integrations/testing/index.js";
import { start } from "../../runtime/api/index.js";
import { ROOT, step, workflow } from "./handles.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

const weekLongTrial = workflow<[string], { user: string; days: number }>(
  "long-running",
  "weekLongTrial",
);
const sendEmail = step<(user: string, kind: string) => Promise<string>>(
  "long-running",
  "sendEmail",
);
const waitForReport = workflow<[string], { report: string; hours: number }>(
  "long-running",
  "waitForReport",
);
const fetchReport = step<(id: string) => Promise<string>>("long-running", "fetchReport");
const checkout = workflow<[string, number], { orderId: string; paymentId: string }>(
  "long-running",
  "checkout",
);
const chargeCard = step<(orderId: string, cents: number) => Promise<string>>(
  "long-running",
  "chargeCard",
);
const paymentWebhook = workflow<[string], { orderId: string; status: string }>(
  "long-running",
  "paymentWebhook",
);
const approval = workflow<[string], { requestId: string; outcome: string }>(
  "long-running",
  "approval",
);

let runtime: TestRuntime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

describe("createTestRuntime", () => {
  it("finishes a week of sleeps at once, with the virtual clock a week on", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const t0 = runtime.clock.now();
    const wall = performance.now();
    const run = await runtime.start(weekLongTrial, ["ada"]);
    expect(await run.returnValue).toEqual({ user: "ada", days: 7 });
    // A real sleep would have hung the test; this bound only says "no real waiting".
    expect(performance.now() - wall).toBeLessThan(10_000);
    expect(runtime.clock.now() - t0).toBeGreaterThanOrEqual(7 * DAY);
    expect(runtime.calls(sendEmail).map((c) => c.args)).toEqual([
      ["ada", "welcome"],
      ["ada", "reminder"],
      ["ada", "trial over"],
    ]);
    const events = await runtime.events(run);
    const created = events.filter((e) => e.type === "wait_created");
    const completed = events.filter((e) => e.type === "wait_completed");
    expect(completed).toHaveLength(2);
    expect(completed[0]!.createdAt - created[0]!.createdAt).toBeGreaterThanOrEqual(6 * DAY);
  });

  it("does the same with the sticky cache off (every invocation replays the log)", async () => {
    runtime = await createTestRuntime({ root: ROOT, stickyCacheSize: 0 });
    const t0 = runtime.clock.now();
    const run = await runtime.start(weekLongTrial, ["bob"]);
    expect(await run.returnValue).toEqual({ user: "bob", days: 7 });
    expect(runtime.clock.now() - t0).toBeGreaterThanOrEqual(7 * DAY);
    expect(runtime.stats.cacheHits).toBe(0);
  });

  it("waits out a RetryableError's retryAfter of an hour on the virtual clock", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const run = await runtime.start(waitForReport, ["r1"]);
    const result = await run.returnValue;
    expect(result.report).toBe("report r1");
    // Two waits of an hour (less the real milliseconds between the throw and its handling).
    expect(result.hours).toBeGreaterThan(1.99);
    const calls = runtime.calls(fetchReport);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(String(calls[0]!.error)).toContain("not ready");
    const retrying = (await runtime.events(run)).filter((e) => e.type === "step_retrying");
    expect(retrying).toHaveLength(2);
    for (const event of retrying) {
      if (event.type !== "step_retrying") continue;
      expect(event.data.retryAfter - event.createdAt).toBeGreaterThan(HOUR - 1_000);
      expect(event.data.retryAfter - event.createdAt).toBeLessThanOrEqual(HOUR);
    }
  });

  it("retries a mocked step that fails twice, recording each attempt", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    let attempts = 0;
    runtime.mockStep(chargeCard, async (orderId, cents) => {
      attempts++;
      if (attempts <= 2) throw new Error(`card declined (${cents} cents)`);
      return `pay_${orderId}`;
    });
    const t0 = runtime.clock.now();
    const run = await start(checkout, ["o1", 4200], { runtime }); // workflow/api takes it too
    expect(await run.returnValue).toEqual({ orderId: "o1", paymentId: "pay_o1" });
    const calls = runtime.calls(chargeCard);
    expect(calls.map((c) => [c.attempt, c.args])).toEqual([
      [1, ["o1", 4200]],
      [2, ["o1", 4200]],
      [3, ["o1", 4200]],
    ]);
    expect(calls.map((c) => c.error === undefined)).toEqual([false, false, true]);
    expect(calls[2]!.result).toBe("pay_o1");
    // Two plain failures: two retry delays of a second each, on the virtual clock.
    expect(runtime.clock.now() - t0).toBeGreaterThanOrEqual(2_000);
  });

  it("fails a step mocked to fail every attempt, as production does after its retries", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    runtime.mockStep(chargeCard, async () => {
      throw new Error("card declined");
    });
    const run = await runtime.start(checkout, ["o2", 100]);
    await expect(run.returnValue).rejects.toThrow(/failed after 3 retries: card declined/);
    expect(runtime.calls(chargeCard)).toHaveLength(4);
  });

  it("waitFor('hook') then resumeHook: the payload wins over the timeout", async () => {
    runtime = await createTestRuntime({ root: ROOT, autoAdvance: false });
    const run = await runtime.start(approval, ["q1"]);
    const state = await runtime.waitFor(run, "hook");
    expect([...state.hooks.values()].map((h) => h.token)).toEqual(["approval:q1"]);
    await runtime.resumeHook("approval:q1", { approved: true });
    expect(await run.returnValue).toEqual({ requestId: "q1", outcome: "approved" });
  });

  it("waitFor('hook') then resumeWebhook with a Request", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const run = await runtime.start(paymentWebhook, ["o5"]);
    await runtime.waitFor(run, "hook");
    const response = await runtime.resumeWebhook(
      "payment-webhook-for-order-o5",
      new Request("https://app.example/webhook", {
        method: "POST",
        body: JSON.stringify({ status: "paid" }),
      }),
    );
    expect(response.ok).toBe(true);
    expect(await run.returnValue).toEqual({ orderId: "o5", status: "paid" });
  });

  it("a hook's timeout fires once nothing else can happen, or when the test advances time", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    const t0 = runtime.clock.now();
    const timedOut = await runtime.start(approval, ["q2"]);
    expect(await timedOut.returnValue).toEqual({ requestId: "q2", outcome: "timed out" });
    expect(runtime.clock.now() - t0).toBeGreaterThanOrEqual(3 * DAY);
    await runtime.close();

    runtime = await createTestRuntime({ root: ROOT, autoAdvance: false });
    const run = await runtime.start(approval, ["q3"]);
    await runtime.waitFor(run, "sleep");
    await runtime.advance("2d");
    expect(await run.status).toBe("running");
    await runtime.advance("1d");
    expect(await run.returnValue).toEqual({ requestId: "q3", outcome: "timed out" });
  });

  it("waitFor('step:chargeCard') resolves while the run waits on the step", async () => {
    runtime = await createTestRuntime({ root: ROOT });
    let release!: (id: string) => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    runtime.mockStep(chargeCard, () => {
      started();
      return new Promise<string>((resolve) => (release = resolve));
    });
    const run = await runtime.start(checkout, ["o6", 10]);
    const state = await runtime.waitFor(run, "step:chargeCard");
    const [pending] = [...state.steps.values()];
    expect(pending!.stepName).toBe("step//./test/testing/workflows/long-running//chargeCard");
    expect(["pending", "running"]).toContain(pending!.status);
    await running;
    expect(await run.status).toBe("running");
    release("pay_6");
    expect(await run.returnValue).toEqual({ orderId: "o6", paymentId: "pay_6" });
  });

  it("waitFor rejects when the run waits on something else and nothing else can happen", async () => {
    runtime = await createTestRuntime({ root: ROOT, autoAdvance: false });
    const run = await runtime.start(approval, ["q4"]);
    await expect(runtime.waitFor(run, "step:chargeCard")).rejects.toMatchObject({
      code: "WAIT_FOR_STUCK",
    });
    await runtime.advance(HOUR);
    expect(await run.status).toBe("running");
  });
});
