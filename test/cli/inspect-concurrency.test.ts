/**
 * `wf inspect` on runs with a concurrency limit, as a process against a running app's file
 * world: a run waiting for a slot is listed `pending (in line)`, and `wf inspect run` and its
 * events say which slot it waits for or holds.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { start } from "../../runtime/api/index.js";
import { createRuntime, type Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";
import { runWf } from "./run-wf.js";

const gated = Object.assign(async (_label: string): Promise<unknown> => undefined, {
  workflowId: "workflow//./test/workflows/concurrency//gated",
});

let dir: string;
let runtime: Runtime;
const ids = { holder: "", waiting: "" };

const wf = (args: string[]) =>
  runWf(["inspect", ...args], {
    env: { WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" },
    timeoutMs: 30_000,
  });

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), "wf-inspect-conc-"));
  runtime = createRuntime({
    world: createFileWorld({ dir }),
    bundles: createBundleSource({ root: PACKAGE_ROOT }),
  });
  await runtime.start();
  const concurrency = { key: "user:42", limit: 1 };
  ids.holder = (await start(gated, ["first"], { runtime, concurrency })).runId;
  ids.waiting = (await start(gated, ["second"], { runtime, concurrency })).runId;
  for (let i = 0; i < 200 && !(await runtime.world.getHookByToken("gate:first")); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("shows a run in line for a slot, and the run holding it", async () => {
  const list = await wf(["runs"]);
  expect(list.code).toBe(0);
  const [, ...rows] = list.stdout.trim().split("\n");
  expect(rows[0]).toMatch(new RegExp(`^${ids.waiting}\\s+gated\\s+pending \\(in line\\)\\s`));
  expect(rows[1]).toMatch(new RegExp(`^${ids.holder}\\s+gated\\s+running\\s`));

  const waiting = await wf(["run", ids.waiting]);
  expect(waiting.stdout).toContain('Slot      waiting for a slot of "user:42" (limit 1)');
  const holder = await wf(["run", ids.holder]);
  expect(holder.stdout).toContain('Slot      holds a slot of "user:42" (limit 1)');

  const json = JSON.parse((await wf(["run", ids.waiting, "--json"])).stdout);
  expect(json).toMatchObject({ status: "pending", concurrency: { key: "user:42", limit: 1 } });
  expect(json.admittedAt).toBeUndefined();

  const events = await wf(["events", ids.holder]);
  expect(events.stdout).toMatch(/run_created\s+gated; concurrency "user:42" limit 1/);
  expect(events.stdout).toMatch(/run_admitted/);
});
