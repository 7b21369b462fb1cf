/**
 * The simulation finds a planted bug: a checkout that charges twice, only when its stock
 * reservation completes before its fraud check and the fraud check completes before the charge
 * (test/testing/workflows/concurrent.ts). `simulate` names the schedule, rerunning that schedule
 * alone fails the same way, and the fixed workflow passes 200 schedules.
 */
import { describe, expect, it } from "vitest";
import { type InvariantContext, simulate } from "../../integrations/testing/index.js";
import { ROOT, step, workflow } from "./handles.js";
import { simulationFailureOf as failureOf } from "../support/rejections.js";

const checkoutWithRace = workflow<[string], { orderId: string; charges: number }>(
  "concurrent",
  "checkoutWithRace",
);
const checkoutFixed = workflow<[string], { orderId: string; charges: number }>(
  "concurrent",
  "checkoutFixed",
);
const chargeOrder = step<(orderId: string, by: string) => Promise<string>>(
  "concurrent",
  "chargeOrder",
);

/** The seed the planted bug was found with, and the schedule that shows it. */
const SEED = "planted-bug";
const FOUND_AT = "planted-bug:2";

/** An order is charged once: one charge call (idempotency key) that went through. */
function chargedOnce({ calls }: InvariantContext) {
  const keys = new Set(
    calls(chargeOrder)
      .filter((c) => c.error === undefined)
      .map((c) => c.correlationId),
  );
  if (keys.size !== 1) throw new Error(`the order was charged ${keys.size} times`);
}

describe("simulate finds a planted bug", () => {
  it(`finds the double charge with seed "${SEED}" at schedule ${FOUND_AT}`, async () => {
    const failure = await failureOf(
      simulate(checkoutWithRace, ["ord-1"], { root: ROOT, seed: SEED, invariants: chargedOnce }),
    );
    expect(failure.seed).toBe(SEED);
    expect(failure.schedule).toBe(FOUND_AT);
    expect(failure.code).toBe("SIMULATION_FAILED");
    expect(failure.violations).toEqual(["invariant chargedOnce: the order was charged 2 times"]);
    // The order that breaks it: the stock branch's completion first, then the fraud check's
    // before the charge that branch started.
    const orders = failure.trace.filter((line) => line.startsWith("complete "));
    expect(orders[0]).toMatch(
      /^complete reserveStock#\d first of \[checkFraud#\d, reserveStock#\d\]$/,
    );
    expect(orders[1]).toMatch(/^complete checkFraud#\d first of \[checkFraud#\d, chargeOrder#1\]$/);
    expect(failure.rerun).toBe(
      `simulate(checkoutWithRace, args, { ...options, schedule: "${FOUND_AT}" })`,
    );
    expect(failure.message).toContain(`Rerun just this schedule: ${failure.rerun}`);
    expect(failure.events.filter((e) => e.type === "step_completed")).toHaveLength(4);

    // That schedule alone fails again, making the same choices.
    const again = await failureOf(
      simulate(checkoutWithRace, ["ord-1"], {
        root: ROOT,
        schedule: FOUND_AT,
        invariants: chargedOnce,
      }),
    );
    expect(again.schedule).toBe(FOUND_AT);
    expect(again.trace).toEqual(failure.trace);
    expect(again.violations).toEqual(failure.violations);
  });

  it("passes the fixed workflow under the same 200 schedules, crashes included", async () => {
    const report = await simulate(checkoutFixed, ["ord-1"], {
      root: ROOT,
      seed: SEED,
      runs: 200,
      invariants: chargedOnce,
    });
    expect(report.schedules).toHaveLength(200);
    expect(report.outcome).toEqual({
      status: "completed",
      value: { orderId: "ord-1", charges: 1 },
    });
    expect(report.crashes).toBeGreaterThan(20);
    const traces = report.schedules.map((s) => s.trace.join("\n"));
    expect(traces.filter((t) => t.includes("duplicate"))).not.toHaveLength(0);
    expect(traces.filter((t) => t.includes("delay"))).not.toHaveLength(0);
    expect(traces.filter((t) => t.includes("complete reserveStock#1 first"))).not.toHaveLength(0);
    expect(traces.filter((t) => t.includes("complete checkFraud#1 first"))).not.toHaveLength(0);
  });
});
