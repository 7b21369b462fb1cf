/**
 * `wf inspect schedules`, `wf schedule pause|resume` and `wf start --idempotency-key`, run as
 * processes against a file world while the app (this test's runtime, with a schedule listed in
 * `createRuntime({ schedules })`) runs: the changes reach the app over its control socket.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { defineSchedule, listSchedules, type WorkflowFunction } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";
import { runWf } from "./run-wf.js";

const id = (name: string) => `workflow//./test/cli/workflows/inspect//${name}`;
const quote = Object.assign(async () => undefined, {
  workflowId: id("quote"),
}) as WorkflowFunction;
const bundles = createBundleSource({ root: PACKAGE_ROOT });

let dir: string;
let app: Runtime;

function wf(args: string[]) {
  return runWf(args, { env: { WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" } });
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), "wf-schedule-cli-"));
  app = createRuntime({
    world: createFileWorld({ dir }),
    bundles,
    schedules: [
      defineSchedule(quote, {
        id: "nightly-quote",
        cron: "0 3 * * *",
        timezone: "Europe/Paris",
        args: ["MUG-01"],
      }),
    ],
  });
  await app.start();
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("wf and schedules while the app runs", () => {
  it("lists the schedules the app registered", async () => {
    const text = await wf(["inspect", "schedules"]);
    expect(text.stderr).toBe("");
    const [header, row] = text.stdout.trim().split("\n");
    expect(header).toMatch(/^ID\s+WORKFLOW\s+CRON\s+TZ\s+STATE/);
    expect(row).toMatch(/^nightly-quote\s+quote\s+0 3 \* \* \*\s+Europe\/Paris\s+active/);
    const json = JSON.parse((await wf(["inspect", "schedules", "--json"])).stdout) as {
      schedules: Array<{ id: string; cron: string; paused: boolean; overlap: string }>;
    };
    expect(json.schedules).toMatchObject([
      { id: "nightly-quote", cron: "0 3 * * *", paused: false, overlap: "skip" },
    ]);
  });

  it("pauses and resumes a schedule in the running app", async () => {
    const paused = await wf(["schedule", "pause", "nightly-quote"]);
    expect(paused.stderr).toBe("");
    expect(paused.stdout).toBe("nightly-quote paused\n");
    expect((await listSchedules({ runtime: app }))[0]?.paused).toBe(true);
    expect((await wf(["inspect", "schedules"])).stdout).toMatch(/nightly-quote .*paused/);
    const resumed = await wf(["schedule", "resume", "nightly-quote"]);
    expect(resumed.stdout).toBe("nightly-quote active\n");
    expect((await listSchedules({ runtime: app }))[0]?.paused).toBe(false);
    const unknown = await wf(["schedule", "pause", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'wf schedule: No schedule "nope" in this world; `wf inspect schedules` lists them. (SCHEDULE_NOT_FOUND)\n',
    );
  });

  it("starts a run once per --idempotency-key", async () => {
    const first = await wf(["start", id("quote"), '"MUG-02"', "--idempotency-key", "order:7"]);
    expect(first.stderr).toBe("");
    const again = await wf(["start", id("quote"), '"MUG-03"', "--idempotency-key", "order:7"]);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe(
      'Idempotency key "order:7" is held by this run: nothing was started (it was started with other arguments).\n',
    );
    const bad = await wf(["start", id("quote"), '"MUG-02"', "--idempotency-key", ""]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'wf start: --idempotency-key must be a non-empty string of at most 256 characters, got ""\n',
    );
  });
});
