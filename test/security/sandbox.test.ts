/**
 * Issue 9 item 5: workflow code cannot reach the host. No host Function is reachable (each
 * escape of test/workflows/escapes.ts fails and runs no command), AbortSignal.timeout is gone,
 * an endless loop fails its run with WORKFLOW_TIMEOUT while the runtime serves other runs, and
 * WORKFLOW_SECRET is not readable.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEngine, type TestEngine, workflow } from "../engine/harness.js";
import { ESCAPES } from "../workflows/escapes.js";
import { runFailureOf } from "../support/rejections.js";

const escapes = (name: string) => workflow("escapes", name);

describe("the workflow sandbox", () => {
  let engine: TestEngine;
  let dir: string;
  const previous = {
    timeout: process.env.WORKFLOW_ACTIVATION_TIMEOUT_MS,
    secret: process.env.WORKFLOW_SECRET,
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "wf-escape-"));
    process.env.WORKFLOW_ACTIVATION_TIMEOUT_MS = "300";
    process.env.WORKFLOW_SECRET = "s3cret-value-of-at-least-32-bytes-long";
    engine = await createTestEngine({ stickyCacheSize: 1000 });
  });
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
    for (const [key, name] of [
      ["timeout", "WORKFLOW_ACTIVATION_TIMEOUT_MS"],
      ["secret", "WORKFLOW_SECRET"],
    ] as const) {
      if (previous[key] === undefined) delete process.env[name];
      else process.env[name] = previous[key];
    }
  });

  it.each(ESCAPES)("gives no host Function through %s", async (name) => {
    const marker = path.join(dir, `${name.replace(/\W+/g, "-")}.marker`);
    const run = await engine.start(escapes("tryEscape"), [name, marker]);
    const outcome = await run.returnValue.then(
      (value) => String(value),
      (error: Error) => `run failed: ${error.message}`,
    );
    expect(outcome).not.toContain("ESCAPED");
    expect(existsSync(marker)).toBe(false);
    // Whatever was found is the realm's Function (or nothing callable): it refuses to compile.
    for (const part of outcome.split("; "))
      expect(part).toMatch(
        /^(no function|threw EvalError: Code generation from strings disallowed)/,
      );
  });

  it("has no AbortSignal.timeout: its timer would not follow the run's clock", async () => {
    const run = await engine.start(escapes("usesAbortSignalTimeout"), []);
    const error = await runFailureOf(run.returnValue);
    expect(error.message).toContain("AbortSignal.timeout is not available in workflow functions");
    expect(error.message).toContain("sleep()");
  });

  it.each([
    ["before the first await", "loopsAtOnce", []],
    ["in a continuation after an await", "loopsAfterAwait", ["x"]],
    ["in a class's deserialize method", "loopsInDeserialize", []],
    ["catching the time limit's error inside the loop", "loopsCatchingTheLimit", []],
    ["through an endless chain of promise jobs", "chainsJobsForever", []],
    ["through recursion that catches its stack overflow", "recursesForever", []],
  ] as const)("fails a run that loops forever %s, and serves other runs", async (_, name, args) => {
    const started = Date.now();
    const looping = await engine.start(escapes(name), [...args]);
    const other = await engine.start(escapes("finishes"), ["ok"]);
    const error = await runFailureOf(looping.returnValue);
    expect(Date.now() - started).toBeLessThan(5000);
    const cause = error.cause as Error & { code?: string };
    expect(cause.code).toBe("WORKFLOW_TIMEOUT");
    expect(cause.message).toContain(`Workflow "${escapes(name).workflowId}"`);
    expect(cause.message).toContain("300 ms");
    expect(await other.returnValue).toBe("ok!");
    // The runtime goes on: a run started after the timeout completes too.
    const after = await engine.start(escapes("finishes"), ["later"]);
    expect(await after.returnValue).toBe("later!");
  });

  it("keeps a rejection workflow code leaves unhandled inside the run", async () => {
    const run = await engine.start(escapes("leavesRejection"), []);
    expect(await run.returnValue).toBe("done");
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it("does not let workflow code read WORKFLOW_SECRET", async () => {
    const run = await engine.start(escapes("readsEnvironment"), []);
    const seen = (await run.returnValue) as Record<string, unknown>;
    expect(JSON.stringify(seen)).not.toContain("s3cret-value");
    expect(seen.secret).toMatch(/^threw: process\.env\.WORKFLOW_SECRET is not available/);
    expect(seen.has).toBe(false);
    expect(seen.keys).not.toContain("WORKFLOW_SECRET");
  });
});
