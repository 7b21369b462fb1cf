/**
 * `wf resume` on a hook created from a defineHook() definition validates the payload with its
 * schema, like `paymentHook.resume()` does: as a process, against an app (this test's runtime on
 * a file world) that has never imported the definition's module, so it loads it through its
 * bundles. A rejected payload is exit 1 with the schema's issues and their paths, and nothing is
 * written; an accepted one resumes with the schema's output. `wf` alone cannot validate, and says so.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeActions } from "../../cli/web/actions.js";
import { createBundleSource } from "../../integrations/bundling/bundle-source.js";
import { getHookByToken, getRun, start } from "../../runtime/api/index.js";
import { HookPayloadInvalidError } from "../../runtime/errors/index.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { createFileWorld } from "../../runtime/worlds/index.js";
import { ensureBuilt, PACKAGE_ROOT } from "../integrations/harness.js";
import { runWf } from "./run-wf.js";

const awaitPayment = Object.assign(async (_token: string) => undefined as unknown, {
  workflowId: "workflow//./test/cli/workflows/payment//awaitPayment",
});
const bundles = createBundleSource({ root: PACKAGE_ROOT });

let dir: string;
let app: Runtime | undefined;

async function startApp(): Promise<Runtime> {
  app = createRuntime({ world: createFileWorld({ dir }), bundles });
  await app.start();
  return app;
}

async function stopApp(): Promise<void> {
  await app?.close();
  app = undefined;
}

function wf(args: string[]) {
  return runWf(args, { env: { WORKFLOW_DATA_DIR: dir, WORKFLOW_TARGET_WORLD: "file" } });
}

/** Starts a run that waits on `paymentHook.create({ token })`; its ID once the hook exists. */
async function startWaiting(runtime: Runtime, token: string): Promise<string> {
  const run = await start(awaitPayment, [token], { runtime });
  await expect
    .poll(async () => (await runtime.world.getHookByToken(token))?.runId, { timeout: 15_000 })
    .toBe(run.runId);
  return run.runId;
}

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), "wf-resume-validation-"));
}, 120_000);

afterAll(async () => {
  await stopApp();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("wf resume with a defineHook() schema", () => {
  it("refuses a payload the schema rejects, naming its path, and writes nothing", async () => {
    const runtime = await startApp();
    const token = `payment-bad-${process.pid}-${Date.now()}`;
    const runId = await startWaiting(runtime, token);
    // The definition's ID rides in the metadata envelope; users still see their own metadata.
    expect((await getHookByToken(token, { runtime }))?.metadata).toEqual({
      shown: "to getHookByToken",
    });
    // So does `wf inspect hooks`, which names the definition beside it.
    const listed = await wf(["inspect", "hooks", "--run", runId, "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      {
        token,
        metadata: { shown: "to getHookByToken" },
        definition: "hook//./test/cli/workflows/payment-hook//paymentHook",
      },
    ]);
    expect((await wf(["inspect", "hooks", "--run", runId])).stdout).toMatch(
      /paymentHook \{ shown: 'to getHookByToken' \}/,
    );
    const before = await runtime.world.readEvents(runId);

    const refused = await wf(["resume", token, '{"order":{"amount":-3},"currency":"euro"}']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(
      /^wf resume: Invalid payload for hook ".*": order\.amount: .*>0.*; currency: .*3.*\. The run was not resumed\. \(HOOK_PAYLOAD_INVALID\)\n$/,
    );
    expect(await runtime.world.readEvents(runId)).toEqual(before);
    expect((await runtime.world.getHookByToken(token))?.runId).toBe(runId);
    expect((await runtime.world.getRun(runId))?.status).toBe("running");
  });

  it("resumes with the schema's output (coerced, defaulted)", async () => {
    const runtime = app ?? (await startApp());
    const token = `payment-good-${process.pid}-${Date.now()}`;
    const runId = await startWaiting(runtime, token);
    const resumed = await wf(["resume", token, '{"order":{"amount":"12.5"}}']);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim()).toBe(runId);
    expect(await getRun(runId, { runtime }).returnValue).toEqual({
      order: { amount: 12.5 },
      currency: "EUR",
    });
  });

  it("the dashboard's resume, done by the app's runtime, goes through the schema too", async () => {
    const runtime = app ?? (await startApp());
    const token = `payment-web-${process.pid}-${Date.now()}`;
    const runId = await startWaiting(runtime, token);
    const actions = createRuntimeActions(runtime);
    const refused = await actions.resumeHook(token, { order: {} }).catch((e: unknown) => e);
    expect(HookPayloadInvalidError.is(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/order\.amount: /);
    expect(await actions.resumeHook(token, { order: { amount: 3 } })).toEqual({});
    expect(await getRun(runId, { runtime }).returnValue).toEqual({
      order: { amount: 3 },
      currency: "EUR",
    });
  });

  it("with no app running, resumes without validating and says so", async () => {
    const runtime = app ?? (await startApp());
    const token = `payment-alone-${process.pid}-${Date.now()}`;
    const runId = await startWaiting(runtime, token);
    await stopApp();
    const resumed = await wf(["resume", token, '{"order":{"amount":"7"}}']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim()).toBe(runId);
    expect(resumed.stderr).toContain(
      "The payload was not validated: hook " +
        `${JSON.stringify(token)} comes from hook//./test/cli/workflows/payment-hook//paymentHook`,
    );
    expect(resumed.stderr).toContain(`No app is running on ${dir}`);
    const restarted = await startApp();
    expect(await getRun(runId, { runtime: restarted }).returnValue).toEqual({
      order: { amount: "7" },
    });
  });
});
