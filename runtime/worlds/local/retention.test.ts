/**
 * The `retention` option of the in-process worlds (memory, file): finished runs older than it
 * are deleted in the background with their streams; unfinished runs never are.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileWorld } from "../file/file-world.js";
import { createMemoryWorld } from "../memory/memory-world.js";
import type { NewEvent } from "../shared/events.js";
import type { LocalWorld, LocalWorldOptions } from "./local-world.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const backends = [
  { name: "memory", create: async (options: LocalWorldOptions) => createMemoryWorld(options) },
  {
    name: "file",
    create: async (options: LocalWorldOptions) => {
      const dir = await mkdtemp(path.join(tmpdir(), "wf-retention-"));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return createFileWorld({ dir, ...options });
    },
  },
];

const created: NewEvent = {
  type: "run_created",
  data: { workflowName: "workflow//./w//f", input: "[]", seed: "s" },
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)("$name world retention", ({ create }) => {
  async function open(options: LocalWorldOptions): Promise<LocalWorld> {
    const world = await create(options);
    cleanups.push(() => world.close());
    await world.start();
    return world;
  }

  it("deletes finished runs once they are older than retention, never running ones", async () => {
    const world = await open({ retention: "150ms" });
    await world.append("done", [created, { type: "run_completed", data: { output: "1" } }]);
    await world.streams.append("done", "out", ["a"], { close: true });
    await world.append("running", [created, { type: "run_started", data: {} }]);
    expect((await world.getRun("done"))?.status).toBe("completed");
    const gone = async () =>
      (await world.getRun("done")) === null && (await world.streams.list("done")).length === 0;
    for (let i = 0; i < 100 && !(await gone()); i++) await sleep(20);
    expect(await world.getRun("done")).toBeNull();
    expect(await world.streams.list("done")).toEqual([]);
    expect((await world.getRun("running"))?.status).toBe("running");
    expect((await world.listRuns()).runs.map((r) => r.runId)).toEqual(["running"]);
  });

  it("reads WORKFLOW_RETENTION, and refuses a value it cannot read, naming it", async () => {
    const previous = process.env.WORKFLOW_RETENTION;
    try {
      process.env.WORKFLOW_RETENTION = "soon";
      await expect(create({})).rejects.toThrow(/WORKFLOW_RETENTION is "soon"/);
      process.env.WORKFLOW_RETENTION = "100ms";
      const world = await open({});
      await world.append("done", [created, { type: "run_completed", data: { output: "1" } }]);
      for (let i = 0; i < 100 && (await world.getRun("done")) !== null; i++) await sleep(20);
      expect(await world.getRun("done")).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.WORKFLOW_RETENTION;
      else process.env.WORKFLOW_RETENTION = previous;
    }
  });

  it("keeps finished runs by default", async () => {
    const world = await open({});
    await world.append("done", [created, { type: "run_completed", data: { output: "1" } }]);
    await sleep(300);
    expect((await world.getRun("done"))?.status).toBe("completed");
  });
});
