/**
 * What only the file world promises: runs survive the process (a new world on the same
 * directory sees them), a write cut short by a crash is dropped on open without losing what
 * came before, and a damaged file is reported by name.
 */
import {
  appendFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LocalWorld } from "../local/local-world.js";
import type { NewEvent } from "../shared/events.js";
import type { QueueMessage } from "../shared/world.js";
import { createFileWorld } from "./file-world.js";

let dir: string;
const worlds: LocalWorld[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wf-file-world-"));
});

afterEach(async () => {
  await Promise.allSettled(worlds.splice(0).map((world) => world.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A world on `dir`, not started. */
function fileWorld(): LocalWorld {
  const world = createFileWorld({ dir, retryBaseMs: 5 });
  worlds.push(world);
  return world;
}

async function open(): Promise<LocalWorld> {
  const world = fileWorld();
  await world.start();
  return world;
}

/** Closes `world` and opens a new one on the same directory, as a restarted process would. */
async function reopen(world: LocalWorld): Promise<LocalWorld> {
  await world.close();
  return open();
}

const logOf = (runId: string) => path.join(dir, "runs", `${runId}.jsonl`);
/** The number in a test run ID `run-<n>-...`. */
const i = (runId: string) => Number(runId.split("-")[1]);

const created = (workflowName = "workflow//./w//flow"): NewEvent => ({
  type: "run_created",
  data: { workflowName, input: '["in\\u0000put"]', seed: "seed" },
});
const stepCreated = (id: string): NewEvent => ({
  type: "step_created",
  correlationId: id,
  data: { stepName: "step//./w//s", input: "[]" },
});
const stepStarted = (id: string, attempt = 1): NewEvent => ({
  type: "step_started",
  correlationId: id,
  data: { attempt },
});
const stepCompleted = (id: string, result = '"ok"'): NewEvent => ({
  type: "step_completed",
  correlationId: id,
  data: { result },
});

describe("file world", () => {
  it("defaults to WORKFLOW_DATA_DIR", () => {
    const previous = process.env.WORKFLOW_DATA_DIR;
    process.env.WORKFLOW_DATA_DIR = dir;
    try {
      expect(createFileWorld().name).toBe(`file:${dir}`);
    } finally {
      if (previous === undefined) delete process.env.WORKFLOW_DATA_DIR;
      else process.env.WORKFLOW_DATA_DIR = previous;
    }
  });

  it("keeps runs, events and state across close and reopen", async () => {
    let world = await open();
    await world.append("r1", [created(), { type: "run_started", data: {} }]);
    await world.append("r1", [stepCreated("a"), stepStarted("a")]);
    await world.append("r1", [stepCompleted("a", '"r\\u0000esult"')]);
    await world.append("r1", [
      { type: "hook_created", correlationId: "h", data: { token: "tok", metadata: "{}" } },
      { type: "wait_created", correlationId: "w", data: { resumeAt: Date.now() + 60_000 } },
    ]);
    await world.append("r2", [created("workflow//./w//other")]);
    await world.append("r2", [{ type: "run_cancelled", data: {} }]);
    const events = await world.readEvents("r1");
    const state = structuredClone(await world.getRun("r1"));
    const runs = await world.listRuns();

    world = await reopen(world);
    expect(await world.readEvents("r1")).toEqual(events);
    expect(await world.getRun("r1")).toEqual(state);
    expect(await world.listRuns()).toEqual(runs);
    expect((await world.getRun("r2"))?.status).toBe("cancelled");
    expect(await world.getHookByToken("tok")).toMatchObject({ runId: "r1", hookId: "h" });
    // The token is still held across the restart.
    await world.append("r2b", [created()]);
    const [conflict] = await world.append("r2b", [
      { type: "hook_created", correlationId: "h2", data: { token: "tok" } },
    ]);
    expect(conflict).toMatchObject({ type: "hook_conflict", data: { conflictingRunId: "r1" } });
    // Appends continue at the right index.
    const [next] = await world.append("r1", [stepCreated("b")]);
    expect(next!.index).toBe(events.length);
    expect((await world.readEvents("r1", events.length - 1)).map((e) => e.index)).toEqual([
      events.length - 1,
      events.length,
    ]);
  });

  it("re-enqueues every unfinished run on start, and no finished one", async () => {
    let world = await open();
    await world.append("pending", [created()]);
    await world.append("running", [created(), { type: "run_started", data: {} }]);
    await world.append("sleeping", [
      created(),
      { type: "run_started", data: {} },
      { type: "wait_created", correlationId: "w", data: { resumeAt: Date.now() + 60_000 } },
    ]);
    await world.append("done", [created(), { type: "run_completed", data: { output: "1" } }]);
    await world.append("failed", [
      created(),
      { type: "run_failed", data: { error: { message: "x" } } },
    ]);

    await world.close();
    world = fileWorld();
    const seen: QueueMessage[] = [];
    world.queue.consume(async (message) => void seen.push(message));
    await world.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.map((m) => m.kind)).toEqual(["workflow", "workflow", "workflow"]);
    expect(seen.map((m) => m.runId).sort()).toEqual(["pending", "running", "sleeping"]);
  });

  it("drops a torn last line on open, keeping every earlier event", async () => {
    let world = await open();
    await world.append("r1", [created(), stepCreated("a")]);
    await world.append("r1", [stepStarted("a")]);
    const events = await world.readEvents("r1");
    await world.close();
    const intact = await readFile(logOf("r1"), "utf8");
    // A crash in the middle of a write: half a line, no newline.
    const torn = JSON.stringify({ ...events[0], index: 3, type: "step_completed" });
    await appendFile(logOf("r1"), torn.slice(0, 25));

    world = await open();
    expect(await world.readEvents("r1")).toEqual(events);
    expect((await world.getRun("r1"))!.steps.get("a")?.status).toBe("running");
    expect(await readFile(logOf("r1"), "utf8")).toBe(intact); // repaired
    await world.append("r1", [stepCompleted("a")]);
    world = await reopen(world);
    expect((await world.readEvents("r1")).map((e) => e.type)).toEqual([
      "run_created",
      "step_created",
      "step_started",
      "step_completed",
    ]);
  });

  it("drops a batch whose write stopped at a line boundary", async () => {
    let world = await open();
    await world.append("r1", [created()]);
    await world.close();
    const intact = await readFile(logOf("r1"), "utf8");

    // Write a three-event batch through another world, then keep only its first two lines.
    const scratch = createFileWorld({ dir: path.join(dir, "scratch") });
    await scratch.start();
    await scratch.append("r1", [created()]);
    await scratch.append("r1", [stepCreated("a"), stepCreated("b"), stepCreated("c")]);
    await scratch.close();
    const lines = (await readFile(path.join(dir, "scratch", "runs", "r1.jsonl"), "utf8")).split(
      "\n",
    );
    await appendFile(logOf("r1"), `${lines[1]}\n${lines[2]}\n`);

    world = await open();
    expect((await world.getRun("r1"))!.steps.size).toBe(0);
    expect(await world.readEvents("r1")).toHaveLength(1);
    expect(await readFile(logOf("r1"), "utf8")).toBe(intact);
  });

  it("ignores a log that a crash left empty", async () => {
    const world = fileWorld();
    await world.start();
    await world.close();
    await writeFile(logOf("r1"), '{"runId":"r1","index":0,"crea');
    const again = await open();
    expect(await again.getRun("r1")).toBeNull();
    expect((await again.listRuns()).runs).toEqual([]);
    await again.append("r1", [created()]);
    expect(await again.readEvents("r1")).toHaveLength(1);
  });

  it("takes concurrent appends to many runs", async () => {
    let world = await open();
    const runIds = Array.from({ length: 30 }, (_, i) => `run-${i}`);
    await Promise.all(runIds.map((id) => world.append(id, [created()])));
    await Promise.all(
      runIds.flatMap((id) =>
        Array.from({ length: 10 }, (_, i) =>
          world
            .append(id, [stepCreated(`s${i}`)])
            .then(() => world.append(id, [stepStarted(`s${i}`)]))
            .then(() => world.append(id, [stepCompleted(`s${i}`, String(i))])),
        ),
      ),
    );
    world = await reopen(world);
    expect((await world.listRuns()).runs).toHaveLength(30);
    for (const id of runIds) {
      const events = await world.readEvents(id);
      expect(events).toHaveLength(31);
      expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));
      const steps = [...(await world.getRun(id))!.steps.values()];
      expect(steps.every((s) => s.status === "completed")).toBe(true);
    }
  });

  it("writes the same logs with fsync on", async () => {
    const synced = createFileWorld({ dir, fsync: true });
    worlds.push(synced);
    await synced.start();
    await Promise.all([
      synced.append("r1", [created()]).then(() => synced.append("r1", [stepCreated("a")])),
      synced.append("r2", [created()]),
    ]);
    const world = await reopen(synced);
    expect((await world.readEvents("r1")).map((e) => e.type)).toEqual([
      "run_created",
      "step_created",
    ]);
    expect(await world.readEvents("r2")).toHaveLength(1);
  });

  /** Opens a world on `dir` that reports to `reports`, and the runs it set aside. */
  async function openReporting(reports: unknown[][]): Promise<LocalWorld> {
    const world = createFileWorld({ dir, debug: (...args) => void reports.push(args) });
    worlds.push(world);
    await world.start();
    return world;
  }

  it("sets a corrupt log aside, names its file and byte, and goes on with the other runs", async () => {
    const world = await open();
    await world.append("r1", [created(), stepCreated("a")]);
    await world.append("r1", [stepStarted("a")]);
    await world.append("r2", [created()]);
    await world.close();
    const lines = (await readFile(logOf("r1"), "utf8")).split("\n");
    lines[1] = "{not json";
    await writeFile(logOf("r1"), lines.join("\n"));

    const reports: unknown[][] = [];
    const again = await openReporting(reports);
    const [entry, ...others] = await again.listQuarantined();
    expect(others).toEqual([]);
    expect(entry!.runId).toBe("r1");
    expect(entry!.reason).toContain(logOf("r1"));
    expect(entry!.reason).toMatch(/corrupt at byte \d+/);
    expect(reports.filter(([message]) => message === "run set aside")).toHaveLength(1);
    await expect(again.getRun("r1")).rejects.toMatchObject({ code: "RUN_QUARANTINED" });
    await expect(again.readEvents("r1")).rejects.toMatchObject({ code: "RUN_QUARANTINED" });
    await expect(again.append("r1", [stepCompleted("a")])).rejects.toMatchObject({
      code: "RUN_QUARANTINED",
    });
    expect((await again.getRun("r2"))?.status).toBe("pending");
    await again.append("r2", [{ type: "run_started", data: {} }]);
    // The log and its reason are in quarantine/, and stay set aside after a restart.
    expect(await readFile(path.join(dir, "quarantine", "r1.jsonl"), "utf8")).toBe(lines.join("\n"));
    const third = await reopen(again);
    expect((await third.listQuarantined()).map((q) => q.runId)).toEqual(["r1"]);
    expect(reports.filter(([message]) => message === "run set aside")).toHaveLength(1);
  });

  it("sets aside a log whose events break the rules, naming the file", async () => {
    const world = await open();
    await world.append("r1", [created(), stepCreated("a")]);
    await world.close();
    const lines = (await readFile(logOf("r1"), "utf8")).split("\n");
    // A valid line, but a second step_created with the same ID: the fold refuses it.
    const duplicate = JSON.parse(lines[1]!.replace(',"more":true}', "}")) as { index: number };
    duplicate.index = 2;
    await appendFile(logOf("r1"), `${JSON.stringify(duplicate)}\n`);
    const again = await openReporting([]);
    const [entry] = await again.listQuarantined();
    expect(entry!.reason).toContain(logOf("r1"));
    expect(entry!.reason).toContain("already exists");
  });

  it("sets aside a log holding an event of another run or out of order", async () => {
    const world = await open();
    await world.append("r1", [created()]);
    await world.append("r2", [created()]);
    await world.close();
    await writeFile(logOf("r1"), await readFile(logOf("r2")));
    const again = await openReporting([]);
    const [entry] = await again.listQuarantined();
    expect(entry!.reason).toContain(logOf("r1"));
    expect(entry!.reason).toContain("expected event 0 of run r1");
    expect((await again.getRun("r2"))?.status).toBe("pending");
  });

  it("pages finished runs from its index after a restart, any run IDs, in any finishing order", async () => {
    let world = await open();
    const expected: Array<{ runId: string; createdAt: number; status: string }> = [];
    // IDs that do not sort by time, runs created in one order and finished in another.
    const ids = Array.from({ length: 120 }, (_, i) => `run-${(i * 37) % 120}-${i % 7}`);
    // Long names make the index span several of the blocks it is read backwards in.
    const name = (id: string) => `workflow//./w//${i(id) % 2 ? "odd" : "even"}${"x".repeat(1500)}`;
    for (const id of ids) {
      await world.append(id, [created(name(id))]);
      if (i(id) % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const id of [...ids].reverse()) {
      if (i(id) % 5 === 0) continue; // stays pending
      await world.append(id, [
        i(id) % 3
          ? { type: "run_completed", data: { output: "1" } }
          : { type: "run_cancelled", data: {} },
      ]);
    }
    for (const id of ids) {
      const run = (await world.getRun(id))!;
      expected.push({ runId: id, createdAt: run.createdAt, status: run.status });
    }
    const newestFirst = (a: { createdAt: number; runId: string }, b: typeof a) =>
      b.createdAt - a.createdAt || (a.runId < b.runId ? 1 : -1);
    expected.sort(newestFirst);

    world = await reopen(world);
    const pages = async (filter: { status?: "completed" | "cancelled" | "pending" }) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await world.listRuns({ ...filter, limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.runs.map((r) => r.runId));
        cursor = page.next ?? undefined;
      } while (cursor);
      return seen;
    };
    expect(await pages({})).toEqual(expected.map((r) => r.runId));
    for (const status of ["completed", "cancelled", "pending"] as const) {
      expect(await pages({ status })).toEqual(
        expected.filter((r) => r.status === status).map((r) => r.runId),
      );
    }
    expect((await stat(path.join(dir, "index", "finished-0.jsonl"))).size).toBeGreaterThan(
      2 * 65536,
    );
  });

  it("opens read-only beside a writer, sees what it acknowledged, tolerates a torn last record, writes nothing", async () => {
    const writer = await open();
    await writer.append("r1", [created(), { type: "run_started", data: {} }]);
    await writer.append("r1", [stepCreated("a")]);
    await writer.append("r2", [created(), { type: "run_completed", data: { output: "1" } }]);
    const reader = createFileWorld({ dir, readOnly: true });
    worlds.push(reader);
    await reader.start();
    // A write the writer has begun: half a line at the end of the log.
    await appendFile(logOf("r1"), '{"runId":"r1","index":3,"ty');
    const before = await readFile(logOf("r1"), "utf8");
    expect((await reader.getRun("r1"))?.steps.size).toBe(1);
    expect(await reader.readEvents("r1")).toHaveLength(3);
    expect((await reader.listRuns()).runs.map((r) => [r.runId, r.status])).toEqual([
      ["r2", "completed"],
      ["r1", "running"],
    ]);
    expect(await readFile(logOf("r1"), "utf8")).toBe(before);
    await expect(reader.append("r3", [created()])).rejects.toThrow(/read-only/);
    await expect(reader.prune({ finishedBefore: Date.now() })).rejects.toThrow(/read-only/);
    await reader.close();
    expect(await readFile(logOf("r1"), "utf8")).toBe(before);
  });

  it("compacts the index at open once runs were pruned, and lists the rest", async () => {
    let world = await open();
    for (let n = 0; n < 6; n++)
      await world.append(`d${n}`, [created(), { type: "run_completed", data: { output: "1" } }]);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(await world.prune({ finishedBefore: Date.now(), limit: 4 })).toEqual({ deleted: 4 });
    world = await reopen(world);
    expect((await readdir(path.join(dir, "index"))).sort()).toEqual(["finished-1.jsonl", "head"]);
    expect((await world.listRuns()).runs.map((r) => r.runId)).toEqual(["d5", "d4"]);
    expect(await world.prune({ finishedBefore: Date.now(), limit: 10 })).toEqual({ deleted: 2 });
    await world.append("d6", [created(), { type: "run_completed", data: { output: "1" } }]);
    world = await reopen(world);
    expect((await world.listRuns()).runs.map((r) => r.runId)).toEqual(["d6"]);
  });

  it("holds only a few finished runs in memory, and reads the others from disk when asked", async () => {
    const world = createFileWorld({ dir, finishedCacheSize: 2 });
    worlds.push(world);
    await world.start();
    for (let n = 0; n < 6; n++)
      await world.append(`d${n}`, [created(), { type: "run_completed", data: { output: `${n}` } }]);
    await world.append("live", [
      created(),
      { type: "hook_created", correlationId: "h", data: { token: "t" } },
    ]);
    // d0 left the cache long ago: it comes from its log, whole.
    expect(await world.getRun("d0")).toMatchObject({
      status: "completed",
      output: "0",
      eventCount: 2,
    });
    expect((await world.listRuns()).runs.map((r) => r.runId)).toEqual([
      "live",
      ...["d5", "d4", "d3", "d2", "d1", "d0"],
    ]);
    await expect(world.append("d1", [created()])).rejects.toMatchObject({
      code: "ENTITY_CONFLICT",
    });
    expect((await world.getHookByToken("t"))?.runId).toBe("live");
  });

  it("opens a version 2 directory (a file per unfinished run in active/), resumes its runs, and marks it version 3", async () => {
    const first = await open();
    await first.append("older", [created()]);
    await first.append("done", [created(), { type: "run_completed", data: { output: "[]" } }]);
    await first.close();
    // What the previous layout left: its version, and a marker file instead of active.log.
    await writeFile(path.join(dir, "version"), '{"format":"workflow-file-world","version":2}\n');
    await rm(path.join(dir, "active.log"));
    await mkdir(path.join(dir, "active"));
    await writeFile(path.join(dir, "active", "older"), "");
    const delivered: QueueMessage[] = [];
    const world = fileWorld();
    world.queue.consume(async (message) => void delivered.push(message));
    await world.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered.map((m) => m.runId)).toEqual(["older"]); // resumed
    expect((await world.getRun("older"))?.status).toBe("pending");
    expect(JSON.parse(await readFile(path.join(dir, "version"), "utf8")).version).toBe(3);
    await expect(readdir(path.join(dir, "active"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readFile(path.join(dir, "active.log"), "utf8")).toBe("+older\n");
  });

  it("refuses a data directory of another format", async () => {
    const world = await open();
    await world.close();
    await writeFile(path.join(dir, "version"), '{"format":"workflow-file-world","version":99}\n');
    await expect(fileWorld().start()).rejects.toThrow(/version 99.*reads versions 2, 3/);
  });
});
