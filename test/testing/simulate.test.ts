/**
 * simulate(): the same seed makes the same schedules byte for byte; the built-in invariants
 * catch a run that never ends and a result that depends on the schedule; simulated hook payloads
 * arrive at seeded times.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../integrations/testing/index.js";
import { ROOT, step, workflow } from "./handles.js";
import { simulationFailureOf as failureOf } from "../support/rejections.js";

const completionOrder = workflow<[string], string[]>("concurrent", "completionOrder");
const checkoutFixed = workflow<[string], { orderId: string; charges: number }>(
  "concurrent",
  "checkoutFixed",
);
const approval = workflow<[string], { requestId: string; outcome: string }>(
  "long-running",
  "approval",
);
const paymentWebhook = workflow<[string], { orderId: string; status: string }>(
  "long-running",
  "paymentWebhook",
);
const echo = step<(label: string, name: string) => Promise<string>>("concurrent", "echo");

const DAY = 86_400_000;

describe("simulate", () => {
  it("makes the same schedules for the same seed, byte for byte, and others for another seed", async () => {
    const options = { root: ROOT, runs: 40, seed: "same" };
    const one = await simulate(checkoutFixed, ["o"], options);
    const two = await simulate(checkoutFixed, ["o"], options);
    expect(JSON.stringify(two.schedules)).toBe(JSON.stringify(one.schedules));
    expect(one.schedules[0]!.schedule).toBe("same:0");
    const other = await simulate(checkoutFixed, ["o"], { ...options, seed: "other" });
    expect(JSON.stringify(other.schedules.map((s) => s.trace))).not.toBe(
      JSON.stringify(one.schedules.map((s) => s.trace)),
    );
    // One schedule rerun alone makes the choices it made among the others.
    const alone = await simulate(checkoutFixed, ["o"], { root: ROOT, schedule: "same:7" });
    expect(alone.schedules).toEqual([one.schedules[7]]);
  });

  it("fails a workflow whose result depends on the order of completions, unless it races on purpose", async () => {
    const failure = await failureOf(
      simulate(completionOrder, ["x"], { root: ROOT, seed: 1, vary: { crashes: false } }),
    );
    expect(failure.violations[0]).toMatch(
      /^the run returned \[ 'x:\w', 'x:\w', 'x:\w' \], but under schedule 1:0 it returned .* \(if the workflow races on purpose, pass races: true\)$/,
    );
    const seen = new Set<string>();
    const report = await simulate(completionOrder, ["x"], {
      root: ROOT,
      seed: 1,
      runs: 60,
      races: true,
      invariants: ({ result, calls }) => {
        seen.add(result!.join(","));
        return calls(echo).length >= 3;
      },
    });
    expect(report.schedules).toHaveLength(60);
    expect(seen.size).toBe(6);
  });

  it("fails a run that never ends, saying what it waits on", async () => {
    const failure = await failureOf(
      simulate(paymentWebhook, ["o9"], { root: ROOT, seed: "stuck", runs: 3 }),
    );
    expect(failure.schedule).toBe("stuck:0");
    expect(failure.violations).toEqual([
      'the run did not end (nothing else can happen): it waits on hook "payment-webhook-for-order-o9" (give its payload in options.hooks, or the test resumes it)',
    ]);
  });

  it("sends simulated hook and webhook payloads at seeded times", async () => {
    const report = await simulate(paymentWebhook, ["o9"], {
      root: ROOT,
      seed: "webhook",
      runs: 20,
      hooks: {
        "payment-webhook-for-order-o9": () =>
          new Request("https://example.com/hook", {
            method: "POST",
            body: JSON.stringify({ status: "paid" }),
          }),
      },
      invariants: ({ result }) => result?.status === "paid",
    });
    expect(report.schedules[0]!.trace.some((l) => l.startsWith('hook "payment-webhook'))).toBe(
      true,
    );

    // A hook racing a three-day timeout: within an hour it always wins...
    const outcomes = new Set<string>();
    await simulate(approval, ["r1"], {
      root: ROOT,
      seed: "approval",
      runs: 30,
      hooks: { "approval:r1": { approved: true } },
      invariants: ({ result }) => void outcomes.add(result!.outcome),
    });
    expect([...outcomes]).toEqual(["approved"]);
    // ...within four days it may come too late: a race, which the built-in check reports...
    const failure = await failureOf(
      simulate(approval, ["r1"], {
        root: ROOT,
        seed: "approval",
        runs: 60,
        hooks: { "approval:r1": { approved: true } },
        vary: { maxHookDelayMs: 4 * DAY },
      }),
    );
    expect(failure.violations[0]).toMatch(/outcome: 'timed out'|outcome: 'approved'/);
    expect(failure.trace.join("\n")).toMatch(/hook "approval:r1" payload after \d+ms/);
    // ...unless the workflow races on purpose.
    outcomes.clear();
    await simulate(approval, ["r1"], {
      root: ROOT,
      seed: "approval",
      runs: 60,
      races: true,
      hooks: { "approval:r1": { approved: true } },
      vary: { maxHookDelayMs: 4 * DAY },
      invariants: ({ result }) => void outcomes.add(result!.outcome),
    });
    expect([...outcomes].sort()).toEqual(["approved", "timed out"]);
  });
});
