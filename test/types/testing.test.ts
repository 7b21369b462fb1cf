/** workflow/testing: the test runtime types start() like workflow/api, and mockStep's body like the step. */
import { describe, expectTypeOf, it } from "vitest";
import type { Run } from "../../runtime/api/index.js";
import type { EventType } from "../../runtime/worlds/shared/events.js";
import {
  createTestRuntime,
  simulate,
  type SimulationReport,
  type StepCall,
  type TestRun,
} from "../../integrations/testing/index.js";

interface Order {
  orderId: string;
}
async function processOrder(order: Order): Promise<{ paymentId: string }> {
  return { paymentId: order.orderId };
}
async function chargeCard(orderId: string, cents: number): Promise<string> {
  return `${orderId}${cents}`;
}

/** Type checks only: never called. */
function typeOnly(_check: () => unknown): void {}

describe("workflow/testing types", () => {
  it("types runs, mocks and calls", () => {
    typeOnly(async () => {
      const runtime = await createTestRuntime();
      const run = await runtime.start(processOrder, [{ orderId: "o" }]);
      expectTypeOf(run).toEqualTypeOf<TestRun<{ paymentId: string }>>();
      // A test run is a Run of workflow/api, with its log.
      expectTypeOf(run).toMatchTypeOf<Run<{ paymentId: string }>>();
      expectTypeOf((await run.events)[0]!.type).toEqualTypeOf<EventType>();
      // @ts-expect-error the arguments are the workflow's
      await runtime.start(processOrder, ["o"]);
      runtime.mockStep(chargeCard, async (orderId, cents) => {
        expectTypeOf(orderId).toEqualTypeOf<string>();
        expectTypeOf(cents).toEqualTypeOf<number>();
        return "pay";
      });
      // @ts-expect-error the mock takes the step's parameters
      runtime.mockStep(chargeCard, async (orderId: number) => String(orderId));
      expectTypeOf(runtime.calls(chargeCard)).toEqualTypeOf<StepCall[]>();
      await runtime.waitFor("wrun_x", "step:chargeCard");
      // @ts-expect-error a target is "hook", "sleep" or "step:<name>"
      await runtime.waitFor("wrun_x", "timer");
      expectTypeOf(await runtime.advance("1h")).toEqualTypeOf<number>();
      const report = await simulate(processOrder, [{ orderId: "o" }], {
        invariants: ({ result, calls }) => {
          expectTypeOf(result).toEqualTypeOf<{ paymentId: string } | undefined>();
          return calls(chargeCard).length === 1;
        },
      });
      expectTypeOf(report).toEqualTypeOf<SimulationReport>();
      // @ts-expect-error the arguments are the workflow's
      await simulate(processOrder, ["o"]);
    });
  });
});
