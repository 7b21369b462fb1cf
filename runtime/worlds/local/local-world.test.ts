/**
 * The shared core of the memory and file worlds when its storage fails: a batch whose write
 * fails leaves no trace (state, hook tokens), batches validated behind it fail too, and the run
 * takes appends again afterwards.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStreams } from "../memory/memory-chunks.js";
import type { NewEvent, StoredEvent } from "../shared/events.js";
import type { RunSummary } from "../shared/state/types.js";
import { LocalWorld } from "./local-world.js";
import type { LogStorage } from "./log-storage.js";

/** A memory log whose next writes can be made to fail, after a delay. */
class FlakyStorage implements LogStorage {
  readonly name = "flaky";
  readonly logs = new Map<string, StoredEvent[]>();
  failNext = 0;
  delayMs = 0;
  #tail = Promise.resolve();

  describe(runId: string): string {
    return `flaky log ${runId}`;
  }
  async open(): Promise<void> {}
  async listActiveRunIds(): Promise<string[]> {
    return [...this.logs.keys()];
  }
  async load(runId: string): Promise<StoredEvent[] | null> {
    return this.logs.has(runId) ? this.read(runId, 0) : null;
  }
  async settle(): Promise<void> {}
  async findRunByKey(): Promise<string | undefined> {
    return undefined;
  }
  async listFinished(): Promise<RunSummary[]> {
    return [];
  }
  async pruneFinished(): Promise<string[]> {
    return [];
  }
  async read(runId: string, fromIndex: number): Promise<StoredEvent[]> {
    return structuredClone((this.logs.get(runId) ?? []).slice(fromIndex));
  }
  append(runId: string, events: readonly StoredEvent[]): Promise<void> {
    const copy = structuredClone([...events]);
    const fail = this.failNext > 0;
    if (fail) this.failNext--;
    const write = this.#tail.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (fail) throw new Error("disk full");
      const log = this.logs.get(runId) ?? [];
      if (copy[0]?.index !== log.length) throw new Error(`gap before ${copy[0]?.index}`);
      this.logs.set(runId, [...log, ...copy]);
    });
    this.#tail = write.catch(() => {});
    return write;
  }
  async flush(): Promise<void> {
    await this.#tail;
  }
  async close(): Promise<void> {}
}

const created: NewEvent = {
  type: "run_created",
  data: { workflowName: "workflow//./w//f", input: "[]", seed: "s" },
};
const stepCreated = (id: string): NewEvent => ({
  type: "step_created",
  correlationId: id,
  data: { stepName: "step//./w//s", input: "[]" },
});

const worlds: LocalWorld[] = [];
afterEach(async () => {
  await Promise.allSettled(worlds.splice(0).map((world) => world.close()));
});

async function open(storage: LogStorage): Promise<LocalWorld> {
  const world = new LocalWorld(storage, createMemoryStreams());
  worlds.push(world);
  await world.start();
  return world;
}

describe("local world over a failing storage", () => {
  it("forgets a batch whose write failed, with its hook tokens", async () => {
    const storage = new FlakyStorage();
    const world = await open(storage);
    await world.append("r1", [created, stepCreated("a")]);
    storage.failNext = 1;
    await expect(
      world.append("r1", [
        stepCreated("b"),
        { type: "hook_created", correlationId: "h", data: { token: "t" } },
      ]),
    ).rejects.toThrow("disk full");
    const run = await world.getRun("r1");
    expect([...run!.steps.keys()]).toEqual(["a"]);
    expect(run!.hooks.size).toBe(0);
    expect(await world.getHookByToken("t")).toBeNull();
    const [next] = await world.append("r1", [stepCreated("b")]);
    expect(next!.index).toBe(2);
    expect(storage.logs.get("r1")).toHaveLength(3);
  });

  it("fails the batches validated behind a failed write, then recovers", async () => {
    const storage = new FlakyStorage();
    const world = await open(storage);
    await world.append("r1", [created]);
    storage.delayMs = 10;
    storage.failNext = 1;
    const results = await Promise.allSettled([
      world.append("r1", [stepCreated("a")]),
      world.append("r1", [stepCreated("b")]),
      world.append("r1", [stepCreated("c")]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect((await world.getRun("r1"))!.steps.size).toBe(0);
    storage.delayMs = 0;
    await world.append("r1", [stepCreated("a")]);
    expect(storage.logs.get("r1")!.map((e) => e.index)).toEqual([0, 1]);
    expect([...(await world.getRun("r1"))!.steps.keys()]).toEqual(["a"]);
  });

  it("does not create a run whose first write failed", async () => {
    const storage = new FlakyStorage();
    const world = await open(storage);
    storage.failNext = 1;
    await expect(world.append("r1", [created])).rejects.toThrow("disk full");
    expect(await world.getRun("r1")).toBeNull();
    await world.append("r1", [created]);
    expect((await world.getRun("r1"))?.eventCount).toBe(1);
  });

  it("names the log and event when a stored log breaks the rules", async () => {
    const storage = new FlakyStorage();
    storage.logs.set("r1", [
      { ...created, runId: "r1", index: 0, createdAt: 1 } as StoredEvent,
      { ...stepCreated("a"), runId: "r1", index: 1, createdAt: 1 } as StoredEvent,
      { ...stepCreated("a"), runId: "r1", index: 2, createdAt: 1 } as StoredEvent,
    ]);
    const world = new LocalWorld(storage, createMemoryStreams());
    worlds.push(world);
    await expect(world.start()).rejects.toThrow(
      /flaky log r1 is invalid at event 2 \(step_created\): Step a of run r1 already exists/,
    );
  });
});
