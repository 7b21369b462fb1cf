/**
 * `wf start`, `wf cancel` and `wf resume`, run as processes. While the app runs (this test's
 * runtime on a file world), they reach it over its control socket and it does the work; when
 * no app runs, `wf` writes itself and the app picks the work up when it starts.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { getRun } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";
import { runWf } from "./run-wf.js";

const id = (name: string) => `workflow//./test/cli/workflows/inspect//${name}`;
const bundles = createBundleSource({ root: PACKAGE_ROOT });

let dir: string;
let app: Runtime | undefined;

/** The app: a runtime that executes the runs of the data directory. */
async function startApp(): Promise<Runtime> {
  app = createRuntime({ world: createFileWorld({ dir }), bundles });
  await app.start();
  return app;
}

function wf(args: string[], cwd = PACKAGE_ROOT) {
  return runWf(args, { cwd, env: { WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" } });
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), "wf-write-"));
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("wf start, cancel, resume while the app runs", () => {
  it("starts a run that the app executes, and resumes its hook", async () => {
    const runtime = await startApp();
    const token = `wf-resume-token-${process.pid}-${Date.now()}`;
    const started = await wf(["start", id("conversation"), JSON.stringify(token)]);
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();
    expect(runId).toMatch(/^wrun_\w+$/);
    await expect
      .poll(async () => (await runtime.world.getHookByToken(token))?.runId, { timeout: 15_000 })
      .toBe(runId);

    const resumed = await wf(["resume", token, '{"reply":"from the terminal"}']);
    expect(resumed.stderr).toBe("");
    expect(resumed.stdout.trim()).toBe(runId);
    expect(await getRun(runId, { runtime }).returnValue).toBe("from the terminal");
  });

  it("cancels a run", async () => {
    const runtime = app!;
    const token = `wf-cancel-token-${process.pid}-${Date.now()}`;
    const runId = (await wf(["start", id("conversation"), JSON.stringify(token)])).stdout.trim();
    await expect
      .poll(async () => (await runtime.world.getHookByToken(token))?.runId, { timeout: 15_000 })
      .toBe(runId);
    const cancelled = await wf(["cancel", runId]);
    expect(cancelled.stderr).toBe("");
    expect(cancelled.code).toBe(0);
    expect((await runtime.world.getRun(runId))?.status).toBe("cancelled");
  });

  it("says what is wrong in one line: an unknown run or token, bad JSON", async () => {
    const run = await wf(["cancel", "wrun_nope"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("wf cancel: no run wrun_nope (RUN_NOT_FOUND)\n");
    const token = await wf(["resume", "no-such-token-anywhere", "{}"]);
    expect(token.code).toBe(1);
    expect(token.stderr).toMatch(/^wf resume: .*no-such-token-anywhere.* \(HOOK_NOT_FOUND\)\n$/);
    const json = await wf(["start", id("quote"), "MUG-01"]);
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(
      /^wf start: argument 1 is not JSON: .* \(quote strings: '"text"'\)\n$/,
    );
  });
});

describe("wf start with no app running", () => {
  it("writes the run itself, says so, and the app runs it when it starts", async () => {
    await app?.close();
    app = undefined;
    const started = await wf(["start", id("quote"), '"TEE-M"']);
    expect(started.code).toBe(0);
    const runId = started.stdout.trim();
    expect(started.stderr).toBe(`No app is running on ${dir}: the run starts when it starts.\n`);
    const runtime = await startApp();
    expect(await getRun(runId, { runtime }).returnValue).toMatchObject({ sku: "TEE-M" });
  });
});

describe("wf start <short name>", () => {
  it("finds the workflow by its short name in the project, and refuses an ambiguous or unknown one", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "wf-project-"));
    try {
      await mkdir(path.join(project, "src"));
      const workflow = (name: string) =>
        `export async function ${name}() {\n  "use workflow";\n  return 1;\n}\n`;
      await writeFile(path.join(project, "src", "a.ts"), workflow("greet") + workflow("shared"));
      await writeFile(path.join(project, "src", "b.ts"), workflow("shared"));
      const ambiguous = await wf(["start", "shared"], project);
      expect(ambiguous.stderr).toBe(
        'wf start: "shared" names 2 workflows; pass one of their IDs: workflow//./src/a//shared, workflow//./src/b//shared\n',
      );
      const unknown = await wf(["start", "missing"], project);
      expect(unknown.stderr).toBe(
        `wf start: no workflow named "missing" under ${project} (it has greet, shared, shared)\n`,
      );
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
