/**
 * kill -9 of a file world writer (a real child process, on dist/): every idempotency key and
 * schedule version it acknowledged is there at the next open, and the schedules file is whole.
 * Needs `npm run build`.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeAll, expect, it } from "vitest";
import { ensureBuilt, PACKAGE_ROOT } from "../../../test/crash/worker.js";
import { keyHolderOf } from "../shared/idempotency.js";
import { createFileWorld } from "./file-world.js";

const SCRIPT = fileURLToPath(new URL("./fixtures/keys-and-schedules-process.mjs", import.meta.url));
const WORLDS = pathToFileURL(path.join(PACKAGE_ROOT, "dist/runtime/worlds/index.js")).href;

let dir: string | undefined;
beforeAll(() => ensureBuilt());
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("keeps every acknowledged key and schedule version after a kill -9", async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wf-keys-crash-"));
  const child = spawn(process.execPath, [SCRIPT, WORLDS, dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Array<{ key?: string; runId?: string; version?: number }> = [];
  let buffered = "";
  child.stdout.on("data", (data: Buffer) => {
    buffered += data.toString();
    for (let nl = buffered.indexOf("\n"); nl !== -1; nl = buffered.indexOf("\n")) {
      lines.push(JSON.parse(buffered.slice(0, nl)) as (typeof lines)[number]);
      buffered = buffered.slice(nl + 1);
    }
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const deadline = Date.now() + 20_000;
  while (lines.filter((l) => l.version).length < 30 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  child.kill("SIGKILL");
  await exited;

  const acked = lines.filter((l) => l.key !== undefined);
  const lastVersion = Math.max(...lines.map((l) => l.version ?? 0));
  expect(acked.length).toBeGreaterThan(10);
  const world = createFileWorld({ dir });
  await world.start();
  try {
    for (const { key, runId } of acked) {
      const refused = await world
        .append(`again-${key}`, [
          {
            type: "run_created",
            data: { workflowName: "w", input: "[]", seed: "s", idempotencyKey: key! },
          },
        ])
        .then(() => undefined, keyHolderOf);
      expect(refused, `key ${key}`).toBe(runId);
    }
    const schedule = await world.schedules!.get("s");
    expect(schedule!.version).toBeGreaterThanOrEqual(lastVersion);
    expect(schedule!.skippedTicks).toBe(schedule!.version - 1);
  } finally {
    await world.close();
  }
}, 60_000);
