/**
 * The file world's idempotency keys on disk (key-files.ts): they survive a restart for finished
 * and unfinished runs, and a key file that names a run that never landed (a crash between the
 * file's write and the journal's flush) leaves the key free.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { LocalWorld } from "../local/local-world.js";
import type { NewEvent } from "../shared/events.js";
import { keyHolderOf } from "../shared/idempotency.js";
import { createFileWorld } from "./file-world.js";
import { KeyFiles } from "./key-files.js";

let dir: string;
const worlds: LocalWorld[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wf-key-files-"));
});
afterEach(async () => {
  await Promise.allSettled(worlds.splice(0).map((world) => world.close()));
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<LocalWorld> {
  const world = createFileWorld({ dir });
  worlds.push(world);
  await world.start();
  return world;
}
const keyed = (key: string): NewEvent => ({
  type: "run_created",
  data: { workflowName: "workflow//./w//flow", input: "[]", seed: "s", idempotencyKey: key },
});
const holder = (promise: Promise<unknown>) => promise.then(() => undefined, keyHolderOf);

it("keeps the keys of finished and unfinished runs across a restart", async () => {
  const first = await open();
  await first.append("done", [keyed("a"), { type: "run_completed", data: { output: "1" } }]);
  await first.append("live", [keyed("b")]);
  await first.close();

  const second = await open();
  expect(await holder(second.append("x", [keyed("a")]))).toBe("done");
  expect(await holder(second.append("y", [keyed("b")]))).toBe("live");
  expect(await second.getRun("x")).toBeNull();
});

it("treats a key file naming a run that does not exist as a free key", async () => {
  const world = await open();
  await writeFile(new KeyFiles(dir).path("c"), JSON.stringify({ key: "c", runId: "ghost" }));
  await world.append("real", [keyed("c")]);
  expect(await new KeyFiles(dir).read("c")).toBe("real");
  expect(await holder(world.append("other", [keyed("c")]))).toBe("real");
});
