/**
 * The in-process worlds admit the next run of a line in the write that ends the run holding the
 * slot; a process that dies between the two writes leaves a free slot and a run in line. The
 * next start-up sees it in the logs and admits that run (and queues it).
 */
import { expect, it } from "vitest";
import type { NewEvent } from "../shared/events.js";
import type { LogStorage } from "./log-storage.js";
import { LocalWorld } from "./local-world.js";
import { createMemoryStreams } from "../memory/memory-chunks.js";
import { MemoryStorage } from "../memory/memory-world.js";

const created: NewEvent = {
  type: "run_created",
  data: { workflowName: "w", input: "[]", seed: "s", concurrency: { key: "k", limit: 1 } },
};

it("admits a run left in line by a crash after the end of the run that held the slot", async () => {
  const storage = new MemoryStorage();
  let dying = false;
  // The process "dies" before the admission reaches the storage: that write never happens.
  const crashing = new Proxy(storage, {
    get(target, prop) {
      if (prop === "append")
        return (runId: string, events: { type: string }[], change: never) =>
          dying && events[0]?.type === "run_admitted"
            ? Promise.resolve()
            : target.append(runId, events as never, change);
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as LogStorage;
  const first = new LocalWorld(crashing, createMemoryStreams());
  await first.start();
  for (const id of ["a", "b", "c"]) await first.append(id, [created]);
  dying = true;
  await first.append("a", [{ type: "run_completed", data: { output: "1" } }]);
  expect((await storage.load("b"))!.map((e) => e.type)).toEqual(["run_created"]);
  await first.close();

  const second = new LocalWorld(storage, createMemoryStreams());
  const queued: string[] = [];
  second.queue.consume(async (message) => void queued.push(message.runId));
  await second.start();
  expect((await second.readEvents("b")).map((e) => e.type)).toEqual([
    "run_created",
    "run_admitted",
  ]);
  expect((await second.getRun("c"))?.admittedAt).toBeUndefined();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(queued).toContain("b");
  await second.close();
});

it("admits a run again when the write of its admission failed", async () => {
  const storage = new MemoryStorage();
  let failures = 1;
  const failing = new Proxy(storage, {
    get(target, prop) {
      if (prop === "append")
        return (runId: string, events: { type: string }[], change: never) =>
          events[0]?.type === "run_admitted" && failures-- > 0
            ? Promise.reject(new Error("disk full"))
            : target.append(runId, events as never, change);
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as LogStorage;
  const world = new LocalWorld(failing, createMemoryStreams());
  const queued: string[] = [];
  world.queue.consume(async (message) => void queued.push(message.runId));
  await world.start();
  for (const id of ["a", "b", "c"]) await world.append(id, [created]);
  await world.append("a", [{ type: "run_completed", data: { output: "1" } }]);
  for (let i = 0; i < 100 && !queued.includes("b"); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect((await world.readEvents("b")).map((e) => e.type)).toEqual(["run_created", "run_admitted"]);
  expect((await world.getRun("b"))?.admittedAt).toBeDefined();
  expect((await world.getRun("c"))?.admittedAt).toBeUndefined();
  expect(queued).toEqual(["b"]);
  // The failed write is reported when the world closes.
  await expect(world.close()).rejects.toThrow("disk full");
});
