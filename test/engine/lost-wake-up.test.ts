/**
 * A step settled by an attempt whose wake-up of the workflow was lost (its worker died between
 * the two, or a server crash lost the enqueue: a "later" write on Postgres) is not a stalled
 * run: the step's message, delivered again, finds the step settled and wakes the workflow. And a
 * step whose message was lost (the worker died between `step_created` and the enqueue) is
 * queued again by the workflow message delivered again, even in a process that had the run.
 */
import { afterAll, describe, expect, it } from "vitest";
import { start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/engine/runtime.js";
import {
  createMemoryWorld,
  type QueueHandler,
  type QueueMessage,
} from "../../runtime/worlds/index.js";
import { bundles, workflow } from "./harness.js";

const world = createMemoryWorld({ retryBaseMs: 5 });
const runtime = createRuntime({ world, bundles, url: "http://localhost:4321" });
afterAll(() => runtime.close());
// The engine's queue handler, to deliver a message as the queue would deliver it again.
const consume = world.queue.consume.bind(world.queue);
let handle!: QueueHandler;
world.queue.consume = (handler, options) => {
  handle = handler;
  consume(handler, options);
};

describe("a lost wake-up after a step", () => {
  it("is sent again by the step's message delivered again", async () => {
    // The fault: the first workflow message enqueued after a step completed never arrives.
    const enqueue = world.queue.enqueue.bind(world.queue);
    let lost: string | undefined;
    world.queue.enqueue = async (message: QueueMessage, options) => {
      if (lost === undefined && message.kind === "workflow") {
        const events = await world.readEvents(message.runId);
        const completed = events.find((event) => event.type === "step_completed");
        if (completed) {
          lost = completed.correlationId!;
          return;
        }
      }
      return enqueue(message, options);
    };
    await runtime.start();
    const run = await start(workflow<[], number>("steps", "stepAsArgument"), [], { runtime });
    await expect.poll(() => lost, { timeout: 10_000 }).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await world.getRun(run.runId))?.status).toBe("running"); // stalled
    // What a redelivery of the step's message does (its lease ran out, say).
    await world.queue.enqueue({ kind: "step", runId: run.runId, stepId: lost! });
    expect(await run.returnValue).toBe(40);
  });

  it("re-queues a step whose message was lost when the workflow message comes again", async () => {
    const enqueue = world.queue.enqueue.bind(world.queue);
    let lost: string | undefined;
    world.queue.enqueue = async (message: QueueMessage, options) => {
      if (lost === undefined && message.kind === "step") {
        lost = message.stepId;
        return;
      }
      return enqueue(message, options);
    };
    await runtime.start();
    const run = await start(workflow<[], number>("steps", "stepAsArgument"), [], { runtime });
    await expect.poll(() => lost, { timeout: 10_000 }).toBeDefined();
    // A first delivery of a workflow message changes nothing: this process scheduled the run.
    await handle({ kind: "workflow", runId: run.runId }, { attempt: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await world.getRun(run.runId))?.steps.get(lost!)?.status).toBe("pending");
    // Delivered again (the worker that had it died): the run's pending work is queued again.
    await handle({ kind: "workflow", runId: run.runId }, { attempt: 2 });
    expect(await run.returnValue).toBe(40);
  });
});
