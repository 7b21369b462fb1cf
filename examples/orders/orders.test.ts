/**
 * The order workflow under `workflow/testing`: its sleep and its payment retry take no real
 * time, the payment provider is replaced by a mock that declines twice, and 200 seeded
 * schedules (crashes, duplicate and delayed deliveries, the packing steps completing in every
 * order) charge each order once. Imports the kit as an app does (`workflow/testing`, from
 * dist/: `npm run build` first).
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  createTestRuntime,
  type InvariantContext,
  simulate,
  type TestRuntime,
} from "workflow/testing";
import type { Order } from "./workflow.js";

// An app built with a workflow plugin imports `processOrder` from ./workflow.js with its ID
// stamped; this test runs without a plugin, so it names the workflow and the step by ID.
const processOrder = Object.assign(
  async (_order: Order): Promise<{ paymentId: string }> => {
    throw new Error("started with runtime.start()");
  },
  { workflowId: "workflow//./examples/orders/workflow//processOrder" },
);
const chargePayment = "step//./examples/orders/workflow//chargePayment";
const reserveInventory = "step//./examples/orders/workflow//reserveInventory";
const root = new URL("../..", import.meta.url).pathname;

const order: Order = {
  orderId: "ord-test",
  email: "ada@example.com",
  lines: [{ sku: "MUG-01", quantity: 2 }],
};
const twoLines: Order = { ...order, lines: [...order.lines, { sku: "CAP-02", quantity: 1 }] };

let runtime: TestRuntime | undefined;
afterEach(() => runtime?.close());

describe("processOrder under workflow/testing", () => {
  it("sleeps and retries on the virtual clock", async () => {
    runtime = await createTestRuntime({ root });
    const t0 = runtime.clock.now();
    const run = await runtime.start(processOrder, [order]);
    const result = await run.returnValue;
    expect(result.paymentId).toMatch(/^pay_ord-test_2900_/);
    // The warehouse's 2 s sleep and the provider's 500 ms retryAfter, in virtual time.
    expect(runtime.clock.now() - t0).toBeGreaterThanOrEqual(2_000);
    expect(runtime.calls(chargePayment).map((c) => c.attempt)).toEqual([1, 2]);
  });

  it("retries a mocked payment that declines twice", async () => {
    runtime = await createTestRuntime({ root });
    runtime.mockStep(chargePayment, async (orderId: string, totalCents: number) => {
      if (runtime!.calls(chargePayment).length <= 2) throw new Error("card declined");
      return `mock_${orderId}_${totalCents}`;
    });
    const run = await runtime.start(processOrder, [order]);
    expect((await run.returnValue).paymentId).toBe("mock_ord-test_2900");
    const calls = runtime.calls(chargePayment);
    expect(calls.map((c) => [c.attempt, c.args])).toEqual([
      [1, ["ord-test", 2900]],
      [2, ["ord-test", 2900]],
      [3, ["ord-test", 2900]],
    ]);
    expect(calls.slice(0, 2).map((c) => String(c.error))).toEqual([
      "Error: card declined",
      "Error: card declined",
    ]);
  });

  it("charges an order once under 200 schedules", async () => {
    // The charge's idempotency key is its step ID (the same on every attempt): a provider that
    // dedupes on it charges once however often the step runs. "Charged once" is one key charged.
    const chargedOnce = ({ calls }: InvariantContext) => {
      const keys = new Set(
        calls(chargePayment)
          .filter((c) => c.error === undefined)
          .map((c) => c.correlationId),
      );
      if (keys.size !== 1) throw new Error(`order charged with ${keys.size} idempotency keys`);
    };
    const report = await simulate(processOrder, [twoLines], {
      root,
      seed: "orders",
      runs: 200,
      // The catalog's stock lives in the step module, shared by every schedule of this process:
      // each schedule gets a reservation that does not use it up.
      setup: (rt) => rt.mockStep(reserveInventory, async (o: Order) => `res-${o.orderId}`),
      invariants: chargedOnce,
    });
    expect(report.schedules).toHaveLength(200);
    expect(report.outcome).toMatchObject({
      status: "completed",
      value: { paymentId: expect.stringMatching(/^pay_ord-test_4800_/) },
    });
    expect(report.crashes).toBeGreaterThan(0);
    // The two lines are packed in parallel, their completions ordered by each schedule (unless
    // a delayed delivery or a crash set them apart).
    const traces = report.schedules.map((s) => s.trace.join("\n"));
    const both = /complete packLine#\d first of \[packLine#\d, packLine#\d\]/;
    expect(traces.filter((t) => both.test(t)).length).toBeGreaterThan(100);
    expect(report.elapsedMs).toBeGreaterThan(0);
  });
});
