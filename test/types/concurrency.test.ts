/** start()'s concurrency option, and a workflow's own default set on the function. */
import { describe, expectTypeOf, it } from "vitest";
import { start, type StartOptions, type WorkflowFunction } from "../../runtime/api/index.js";

interface Order {
  orderId: string;
  customerId: string;
}
async function processOrder(order: Order): Promise<string> {
  return order.orderId;
}
// A default on the function itself, beside its declaration (TypeScript allows the property).
processOrder.concurrency = { limit: 5, key: (order: Order) => `customer:${order.customerId}` };

/** Type checks only: never called (starting a run needs a runtime). */
function typeOnly(_check: () => unknown): void {}

describe("concurrency", () => {
  it("takes a key and a limit, or a limit alone", () => {
    typeOnly(async () => {
      const order = { orderId: "o", customerId: "c" };
      await start(processOrder, [order], { concurrency: { key: "user:42", limit: 1 } });
      await start(processOrder, [order], { concurrency: { limit: 2 } });
      // @ts-expect-error the limit is a number
      await start(processOrder, [order], { concurrency: { key: "k", limit: "1" } });
      // @ts-expect-error the limit is required
      await start(processOrder, [order], { concurrency: { key: "k" } });
    });
  });

  it("is part of StartOptions and WorkflowFunction", () => {
    expectTypeOf<NonNullable<StartOptions["concurrency"]>>().toEqualTypeOf<{
      key?: string;
      limit: number;
    }>();
    expectTypeOf(processOrder).toExtend<WorkflowFunction<[Order], string>>();
    expectTypeOf<NonNullable<WorkflowFunction["concurrency"]>["limit"]>().toEqualTypeOf<number>();
  });
});
