/**
 * The test world and its queue on a virtual clock: events stamped with the clock, the shared
 * rules applied (a wait does not end early, a refused batch stores nothing, hook tokens are
 * unique among live hooks), delayed messages delivered when the clock reaches them.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { NewEvent } from "../worlds/shared/events.js";
import type { QueueMessage } from "../worlds/shared/world.js";
import { WorldError } from "../worlds/shared/world-error.js";
import { TestWorld } from "./test-world.js";
import { VirtualClock } from "./virtual-clock.js";

const T0 = Date.UTC(2030, 0, 1);
const created: NewEvent = {
  type: "run_created",
  data: { workflowName: "workflow//./w//flow", input: "[]", seed: "seed" },
};
const hook = (id: string, token: string): NewEvent => ({
  type: "hook_created",
  correlationId: id,
  data: { token },
});
const message = (runId: string): QueueMessage => ({ kind: "workflow", runId });

const worlds: TestWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()));
});
function open(autoAdvance = false) {
  const clock = new VirtualClock(T0);
  const world = new TestWorld(clock, { autoAdvance });
  worlds.push(world);
  return { clock, world };
}

describe("TestWorld", () => {
  it("stamps events with the virtual clock, and ends a wait no earlier than its resumeAt", async () => {
    const { clock, world } = open();
    const [first] = await world.append("r1", [created]);
    expect(first!.createdAt).toBe(T0);
    await world.append("r1", [
      { type: "wait_created", correlationId: "w", data: { resumeAt: T0 + 3_600_000 } },
    ]);
    const early = await world
      .append("r1", [{ type: "wait_completed", correlationId: "w", data: {} }])
      .catch((e: unknown) => e);
    expect(WorldError.is(early, "TOO_EARLY")).toBe(true);
    clock.advanceBy("1h");
    const [done] = await world.append("r1", [
      { type: "wait_completed", correlationId: "w", data: {} },
    ]);
    expect(done!.createdAt).toBe(T0 + 3_600_000);
    expect(done!.index).toBe(2);
  });

  it("stores nothing of a refused batch, and keeps indexes consecutive", async () => {
    const { world } = open();
    await world.append("r1", [created]);
    const refused = await world
      .append("r1", [
        hook("h1", "tok"),
        { type: "wait_completed", correlationId: "nope", data: {} },
      ])
      .catch((e: unknown) => e);
    expect(WorldError.is(refused)).toBe(true);
    expect((await world.readEvents("r1")).map((e) => e.type)).toEqual(["run_created"]);
    expect(await world.getHookByToken("tok")).toBeNull();
    const [next] = await world.append("r1", [hook("h1", "tok")]);
    expect(next!.index).toBe(1);
  });

  it("gives a live hook's token to no other hook until it is disposed", async () => {
    const { world } = open();
    await world.append("r1", [created, hook("h1", "tok")]);
    await world.append("r2", [created]);
    const [conflict] = await world.append("r2", [hook("h2", "tok")]);
    expect(conflict!.type).toBe("hook_conflict");
    expect((await world.getHookByToken("tok"))?.runId).toBe("r1");
    await world.append("r1", [{ type: "hook_disposed", correlationId: "h1", data: {} }]);
    const [taken] = await world.append("r2", [hook("h3", "tok")]);
    expect(taken!.type).toBe("hook_created");
  });
});

describe("VirtualQueue", () => {
  it("delivers a delayed message once the clock reaches it, a key once", async () => {
    const { clock, world } = open();
    const seen: string[] = [];
    world.queue.consume(async (m) => void seen.push(m.runId));
    await world.queue.enqueue(message("late"), { delayMs: 60_000, key: "k" });
    await world.queue.enqueue(message("late"), { delayMs: 30_000, key: "k" }); // moves it earlier
    await world.queue.enqueue(message("now"));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(["now"]);
    expect(world.queue.nextDueAt()).toBe(T0 + 30_000);
    clock.advanceBy(30_000);
    world.queue.release();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(["now", "late"]);
    expect(world.queue.nextDueAt()).toBeUndefined();
  });

  it("with autoAdvance, jumps the clock to the next message once idle, and redelivers after a throw", async () => {
    const { clock, world } = open(true);
    const seen: Array<[string, number]> = [];
    let failures = 0;
    world.queue.consume(async (m) => {
      seen.push([m.runId, clock.now() - T0]);
      if (m.runId === "flaky" && failures++ === 0) throw new Error("once");
    });
    await world.queue.enqueue(message("week"), { delayMs: 7 * 86_400_000 });
    await world.queue.enqueue(message("flaky"), { delayMs: 1_000 });
    await new Promise<void>((resolve) => {
      const stop = world.queue.onIdle(() => {
        stop();
        resolve();
      });
    });
    expect(seen).toEqual([
      ["flaky", 1_000],
      ["flaky", 1_050], // retryBaseMs later, on the virtual clock
      ["week", 7 * 86_400_000],
    ]);
  });

  it("keeps concurrency lines like every world: admits in creation order as slots free", async () => {
    const { world } = open();
    const seen: string[] = [];
    world.queue.consume(async (m) => void seen.push(m.runId));
    const limited: NewEvent = {
      type: "run_created",
      data: { ...created.data, concurrency: { key: "k", limit: 1 } } as never,
    };
    for (const id of ["c1", "c2", "c3"]) await world.append(id, [limited]);
    expect((await world.readEvents("c1")).map((e) => e.type)).toEqual([
      "run_created",
      "run_admitted",
    ]);
    expect((await world.getRun("c2"))?.admittedAt).toBeUndefined();
    await world.append("c2", [{ type: "run_cancelled", data: {} }]);
    await world.append("c1", [{ type: "run_completed", data: { output: "1" } }]);
    expect((await world.getRun("c3"))?.admittedAt).toBe(T0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(["c3"]);
  });
});
