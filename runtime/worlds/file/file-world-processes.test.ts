/**
 * The file world across processes (real child processes on one data directory): one writer
 * at a time, readers beside it, a dead writer's lock taken over, and what a killed writer
 * acknowledged is there after the next open even when the run logs lost their last writes
 * (the journal is replayed). Needs `npm run build` (the children load dist/).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile, mkdtemp, rm, truncate, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, PACKAGE_ROOT } from "../../../test/crash/worker.js";
import type { LocalWorld } from "../local/local-world.js";
import { createFileWorld } from "./file-world.js";

const SCRIPT = fileURLToPath(new URL("./fixtures/world-process.mjs", import.meta.url));
const WORLDS = pathToFileURL(path.join(PACKAGE_ROOT, "dist/runtime/worlds/index.js")).href;

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

let dir: string;
const children: Child[] = [];
const worlds: LocalWorld[] = [];

beforeAll(() => ensureBuilt());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wf-file-processes-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    child.process.kill("SIGKILL");
    await child.exited;
  }
  await Promise.allSettled(worlds.splice(0).map((world) => world.close()));
  await rm(dir, { recursive: true, force: true });
});

function startChild(mode: "hold" | "write-and-die" | "later-and-die"): Child {
  const child = spawn(process.execPath, [SCRIPT, WORLDS, dir, mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = "";
  child.stdout!.on("data", (data: Buffer) => {
    buffered += data.toString();
    for (let nl = buffered.indexOf("\n"); nl !== -1; nl = buffered.indexOf("\n")) {
      lines.push(JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>);
      buffered = buffered.slice(nl + 1);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const result = { process: child, lines, exited };
  children.push(result);
  return result;
}

async function waitFor<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const line = (child: Child, key: string) => child.lines.find((l) => key in l);

async function open(options: { readOnly?: boolean } = {}): Promise<LocalWorld> {
  const world = createFileWorld({ dir, ...options });
  worlds.push(world);
  await world.start();
  return world;
}

describe("file world, several processes on one directory", () => {
  it("refuses a second writer naming the holder, lets readers in, and takes over once the holder is killed", async () => {
    const holder = startChild("hold");
    const { ready: pid } = await waitFor("the holder", () => line(holder, "ready"));

    const second = createFileWorld({ dir });
    worlds.push(second);
    const error = (await second.start().catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe("DATA_DIR_LOCKED");
    expect(error.message).toContain(`process ${pid as number}`);
    expect(error.message).toMatch(/started \d{4}-\d\d-\d\dT/);
    expect(error.message).toContain("readOnly");

    const reader = await open({ readOnly: true });
    expect((await reader.listRuns()).runs).toEqual([]);
    await expect(reader.append("r1", [])).rejects.toThrow(/read-only/);

    holder.process.kill("SIGKILL");
    await holder.exited;
    const writer = await open();
    await writer.append("r1", [
      { type: "run_created", data: { workflowName: "w", input: "[]", seed: "s" } },
    ]);
    // The reader sees what the new writer acknowledged.
    expect((await reader.getRun("r1"))?.status).toBe("pending");
    expect((await reader.listRuns()).runs.map((r) => r.runId)).toEqual(["r1"]);

    // And a process started now is refused, naming this one.
    const third = startChild("hold");
    expect(await third.exited).toBe(3);
    expect(line(third, "error")).toMatchObject({ code: "DATA_DIR_LOCKED" });
    expect(String(line(third, "error")!.error)).toContain(`process ${process.pid}`);
  });

  it("lets exactly one of two processes take over a dead holder's lock", async () => {
    const dead = startChild("hold");
    await waitFor("the first holder", () => line(dead, "ready"));
    dead.process.kill("SIGKILL");
    await dead.exited;
    const racers = [startChild("hold"), startChild("hold")];
    await waitFor("both racers", () =>
      racers.every((r) => line(r, "ready") || line(r, "error")) ? true : undefined,
    );
    const winners = racers.filter((r) => line(r, "ready"));
    const losers = racers.filter((r) => line(r, "error"));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(String(line(losers[0]!, "error")!.error)).toContain(
      `process ${line(winners[0]!, "ready")!.ready as number}`,
    );
  });

  it("keeps every acknowledged write of a killed writer, once, though the run logs lost their tails", async () => {
    const writer = startChild("write-and-die");
    await writer.exited;
    expect(line(writer, "ready")).toBeDefined();
    expect(writer.lines.filter((l) => "acked" in l)).toHaveLength(22);
    expect(await readdir(path.join(dir, "journal"))).not.toEqual([]);

    // A power loss: what was only in the page cache is gone. Only the journal was flushed.
    await truncate(path.join(dir, "runs", "r1.jsonl"), 0);
    await rm(path.join(dir, "runs", "other3.jsonl"));
    await rm(path.join(dir, "runs", "done.jsonl"));
    await rm(path.join(dir, "index"), { recursive: true, force: true });
    const streamFile = path.join(
      dir,
      "streams",
      "r1",
      `${Buffer.from("out").toString("base64url")}.jsonl`,
    );
    const stream = await readFile(streamFile, "utf8");
    await truncate(streamFile, stream.indexOf("\n") + 1); // keeps chunk 0 only
    // and the segment ends in a record the crash cut short
    const [segment] = await readdir(path.join(dir, "journal"));
    await appendFile(path.join(dir, "journal", segment!), Buffer.from([200, 0, 0, 0, 1, 2]));

    const world = await open();
    const events = await world.readEvents("r1");
    expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));
    expect(events).toHaveLength(22);
    expect((await world.getRun("r1"))?.steps.size).toBe(20);
    expect((await world.getRun("other3"))?.status).toBe("pending");
    expect((await world.getRun("done"))?.status).toBe("completed");
    expect((await world.listRuns({ status: "completed" })).runs.map((r) => r.runId)).toEqual([
      "done",
    ]);
    const chunks: string[] = [];
    for await (const chunk of world.streams.read("r1", "out")) {
      chunks.push(chunk);
      if (chunks.length === 20) break;
    }
    expect(chunks).toEqual(Array.from({ length: 20 }, (_, i) => `chunk ${i}`));
    expect(await world.streams.info("r1", "out")).toMatchObject({ length: 20 });
    // Replayed and checkpointed: the old segment is gone, and a restart replays nothing twice.
    await world.close();
    const again = await open();
    expect(await again.readEvents("r1")).toHaveLength(22);
    expect(await again.streams.info("r1", "out")).toMatchObject({ length: 20 });
  });

  it('keeps the "later" writes of a writer killed before they were flushed', async () => {
    const writer = startChild("later-and-die");
    await writer.exited;
    expect(writer.lines.filter((l) => "acked" in l)).toHaveLength(21);
    // A kill is not a power loss: what was written reached the kernel, flushed or not.
    const world = await open();
    const events = await world.readEvents("r1");
    expect(events.map((e) => e.type)).toEqual([
      "run_created",
      "run_started",
      ...Array.from({ length: 20 }, () => "step_created"),
    ]);
    expect((await world.getRun("r1"))?.steps.size).toBe(20);
  });
});
