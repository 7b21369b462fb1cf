/** start(): the workflow's parameters and result type the call and the run it returns. */
import { describe, expectTypeOf, it } from "vitest";
import {
  getRun,
  type Run,
  type RunStatus,
  start,
  type WorkflowFunction,
} from "../../runtime/api/index.js";

interface Order {
  orderId: string;
  lines: { sku: string; quantity: number }[];
}
interface Receipt {
  orderId: string;
  totalCents: number;
}

// Workflows as app code imports them (their bodies do not matter here).
async function processOrder(order: Order): Promise<Receipt> {
  return { orderId: order.orderId, totalCents: order.lines.length };
}
async function nightly(): Promise<number> {
  return 1;
}
async function greet(name: string, excited?: boolean): Promise<string> {
  return excited ? `${name}!` : name;
}
async function maybeGreet(name?: string): Promise<string> {
  return name ?? "you";
}
function notAsync(order: Order): Receipt {
  return { orderId: order.orderId, totalCents: 0 };
}
const order: Order = { orderId: "o-1", lines: [] };

/** Type checks only: never called (starting a run needs a runtime). */
function typeOnly(_check: () => unknown): void {}

describe("start()", () => {
  it("types the run by the workflow's result", () => {
    typeOnly(() => {
      expectTypeOf(start(processOrder, [order])).toEqualTypeOf<Promise<Run<Receipt>>>();
      expectTypeOf(start(nightly)).toEqualTypeOf<Promise<Run<number>>>();
    });
  });

  it("takes every form the seed API uses", () => {
    typeOnly(async () => {
      await start(nightly);
      await start(processOrder, [order]);
      await start(processOrder, [order], { deploymentId: "custom-deployment-id" });
      await start(nightly, []);
      await start(nightly, [], { deploymentId: "custom-deployment-id" });
      await start(greet, ["Ada"]);
      await start(greet, ["Ada", true]);
      await start(maybeGreet);
      await start(maybeGreet, []);
      await start(maybeGreet, ["Ada"]);
    });
  });

  it("refuses a call whose arguments do not fit the workflow", () => {
    typeOnly(async () => {
      // @ts-expect-error processOrder takes an order: start(processOrder) has no arguments
      await start(processOrder);
      // @ts-expect-error the arguments are missing from the array
      await start(processOrder, []);
      // @ts-expect-error the arguments are an array, not the value itself
      await start(processOrder, order);
      // @ts-expect-error a string is not an Order
      await start(processOrder, ["o-1"]);
      // @ts-expect-error one argument too many
      await start(processOrder, [order, 2]);
      // @ts-expect-error nightly takes no arguments
      await start(nightly, [1]);
      // @ts-expect-error the second parameter of greet is a boolean
      await start(greet, ["Ada", "yes"]);
      // @ts-expect-error options come after the arguments
      await start(processOrder, { deploymentId: "d" });
      // @ts-expect-error a workflow is async
      await start(notAsync, [order]);
      // @ts-expect-error no such option
      await start(nightly, [], { deployment: "d" });
    });
  });

  it("exports WorkflowFunction, which a workflow is", () => {
    expectTypeOf(processOrder).toExtend<WorkflowFunction<[Order], Receipt>>();
    expectTypeOf(nightly).toExtend<WorkflowFunction<[], number>>();
    expectTypeOf(processOrder).toExtend<WorkflowFunction>();
    expectTypeOf(processOrder).not.toExtend<WorkflowFunction<[], Receipt>>();
    expectTypeOf(notAsync).not.toExtend<WorkflowFunction>();
    expectTypeOf<WorkflowFunction["workflowId"]>().toEqualTypeOf<string | undefined>();
  });
});

describe("getRun() and Run<T>", () => {
  it("types returnValue by T, and the rest by the run", () => {
    typeOnly(() => {
      const run = getRun<Receipt>("wrun_1");
      expectTypeOf(run).toEqualTypeOf<Run<Receipt>>();
      expectTypeOf(run.returnValue).toEqualTypeOf<Promise<Receipt>>();
      expectTypeOf(run.runId).toEqualTypeOf<string>();
      expectTypeOf(run.id).toEqualTypeOf<string>();
      expectTypeOf(run.status).toEqualTypeOf<Promise<RunStatus>>();
      expectTypeOf(run.cancel).returns.toEqualTypeOf<Promise<void>>();
      expectTypeOf(run.readable).toEqualTypeOf<ReadableStream>();
      expectTypeOf(run.getReadable<string>({ startIndex: 3 })).toEqualTypeOf<
        ReadableStream<string>
      >();
      expectTypeOf(getRun("wrun_1").returnValue).toEqualTypeOf<Promise<unknown>>();
      // @ts-expect-error a Receipt is not a number
      const total: number = getRun<Receipt>("wrun_1").returnValue;
      void total;
    });
  });

  it("knows the statuses a run can have", () => {
    expectTypeOf<RunStatus>().toEqualTypeOf<
      "pending" | "running" | "completed" | "failed" | "cancelled"
    >();
  });
});
