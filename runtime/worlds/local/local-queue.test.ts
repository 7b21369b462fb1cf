/**
 * The in-process queue's `maxDeliveries`: from the option or WORKFLOW_MAX_DELIVERIES, refused
 * when malformed. (What the runtime does with a message given up: test/engine/poison-messages.test.ts.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { LocalQueue } from "./local-queue.js";

const previous = process.env.WORKFLOW_MAX_DELIVERIES;
afterEach(() => {
  if (previous === undefined) delete process.env.WORKFLOW_MAX_DELIVERIES;
  else process.env.WORKFLOW_MAX_DELIVERIES = previous;
});

/** Deliveries of a message whose handler always throws, once the queue gives it up. */
async function deliveriesUntilGivenUp(queue: LocalQueue): Promise<number> {
  let deliveries = 0;
  const givenUp = new Promise<number>((resolve) =>
    queue.consume(
      async () => {
        deliveries++;
        throw new Error("broken");
      },
      { onGiveUp: (_message, _error, attempts) => resolve(attempts) },
    ),
  );
  await queue.enqueue({ kind: "workflow", runId: "r" });
  const attempts = await givenUp;
  await queue.close();
  expect(deliveries).toBe(attempts);
  return attempts;
}

describe("maxDeliveries", () => {
  it("reads the option, else WORKFLOW_MAX_DELIVERIES", async () => {
    process.env.WORKFLOW_MAX_DELIVERIES = "4";
    expect(await deliveriesUntilGivenUp(new LocalQueue({ retryBaseMs: 1 }))).toBe(4);
    expect(await deliveriesUntilGivenUp(new LocalQueue({ retryBaseMs: 1, maxDeliveries: 2 }))).toBe(
      2,
    );
  });

  it("refuses what is not a positive integer, naming where it came from", () => {
    expect(() => new LocalQueue({ maxDeliveries: 0 })).toThrow(
      /the maxDeliveries option is 0; expected a positive integer/,
    );
    process.env.WORKFLOW_MAX_DELIVERIES = "lots";
    expect(() => new LocalQueue()).toThrow(/WORKFLOW_MAX_DELIVERIES is "lots"/);
  });
});
