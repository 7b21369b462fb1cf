/**
 * Issue 13 item 3: a step's fn.timeout, with real time. An attempt past its deadline fails with
 * StepTimeoutError and follows the retry policy; getStepMetadata().signal aborts at the deadline,
 * so a fetch the step passed it to closes its connection (a real server on 127.0.0.1).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start } from "../../runtime/api/index.js";
import { createRuntime } from "../../runtime/engine/runtime.js";
import { WorkflowRunCancelledError, WorkflowRunFailedError } from "../../runtime/errors/index.js";
import { createMemoryWorld } from "../../runtime/worlds/index.js";
import { aborts } from "../workflows/timeouts.js";
import { bundles, createTestEngine, ofType, stepId, type TestEngine, workflow } from "./harness.js";

const timeouts = (name: string) => workflow("timeouts", name);

/** A server that never answers; it notes when each request arrived and when its connection closed. */
function startSilentServer() {
  const requests: Array<{ url: string; arrived: number; closed?: number }> = [];
  const server: Server = createServer((req, res) => {
    const entry = { url: req.url ?? "", arrived: performance.now() } as (typeof requests)[number];
    requests.push(entry);
    res.on("close", () => (entry.closed = performance.now()));
  });
  return new Promise<{ url: string; requests: typeof requests; close(): Promise<void> }>(
    (resolve) => {
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        resolve({
          url: `http://127.0.0.1:${port}/slow`,
          requests,
          close: () =>
            new Promise<void>((done) => {
              server.closeAllConnections();
              server.close(() => done());
            }),
        });
      });
    },
  );
}

describe("fn.timeout", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await createTestEngine({ stickyCacheSize: 1000 });
  });
  afterAll(() => engine.close());

  it("fails each attempt at its deadline with STEP_TIMEOUT, retried by the policy; the signal aborts the fetch", async () => {
    const server = await startSilentServer();
    try {
      const run = await engine.start(timeouts("slowServer"), [server.url]);
      const result = (await run.returnValue) as {
        code: string;
        message: string;
        isStepTimeout: boolean;
      };
      expect(result.code).toBe("STEP_TIMEOUT");
      // What the workflow caught is recognised by StepTimeoutError.is() in the sandbox.
      expect(result.isStepTimeout).toBe(true);
      expect(result.message).toBe(
        `Step "${stepId("timeouts", "fetchSlow")}" failed after 1 retry: ` +
          `Step "${stepId("timeouts", "fetchSlow")}" attempt 2 timed out after 200 ms (its fn.timeout). ` +
          `Raise the step's timeout, or make the step stop its I/O when getStepMetadata().signal aborts.`,
      );

      // Two attempts reached the server, and each connection was closed by the abort, at the
      // deadline (200 ms), not at once.
      expect(server.requests.map((r) => r.url)).toEqual(["/slow?attempt=1", "/slow?attempt=2"]);
      await expect.poll(() => server.requests.every((r) => r.closed !== undefined)).toBe(true);
      for (const request of server.requests)
        expect(request.closed! - request.arrived).toBeGreaterThanOrEqual(150);

      // The deadline is in step_started; the timed-out attempt is a retry like any failure.
      const events = await engine.events(run.runId);
      const starts = ofType(events, "step_started");
      for (const start of starts) {
        expect(start.data.deadline! - start.createdAt).toBeGreaterThan(150);
        expect(start.data.deadline! - start.createdAt).toBeLessThanOrEqual(200);
      }
      const [retry] = ofType(events, "step_retrying");
      expect(retry!.data.error).toMatchObject({ name: "StepTimeoutError", code: "STEP_TIMEOUT" });
      expect(retry!.data).toMatchObject({ attempt: 1, delayMs: 10, delayFrom: "policy" });
      expect(ofType(events, "step_failed")[0]!.data.error.code).toBe("STEP_TIMEOUT");
    } finally {
      await server.close();
    }
  });

  it("ends an attempt that ignores its signal at the deadline, without waiting for it", async () => {
    const began = performance.now();
    const run = await engine.start(timeouts("stubbornStep"), []);
    const result = (await run.returnValue) as { code: string };
    expect(result.code).toBe("STEP_TIMEOUT");
    // The step's own code would have taken 3 s.
    expect(performance.now() - began).toBeLessThan(2500);
  });

  it("lets an attempt within its timeout complete, its signal not aborted", async () => {
    const run = await engine.start(timeouts("quickStep"), []);
    expect(await run.returnValue).toBe(false);
  });

  it("fails the step for a negative timeout, naming the step and the option", async () => {
    const run = await engine.start(timeouts("negativeTimeout"), []);
    const error = await run.returnValue.catch((e: unknown) => e);
    expect(WorkflowRunFailedError.is(error)).toBe(true);
    const [failed] = ofType(await engine.events(run.runId), "step_failed");
    expect(failed!.data.error.code).toBe("INVALID_STEP_OPTIONS");
    expect(ofType(await engine.events(run.runId), "step_started")).toHaveLength(0);
    // The workflow did not catch it: the run failed with the step's message.
    expect((error as WorkflowRunFailedError).error.message).toContain(
      `Step "${stepId("timeouts", "badTimeout")}" has an invalid option timeout: got -5; expected a positive duration`,
    );
  });
});

describe("getStepMetadata().signal when the run ends", () => {
  it("aborts at the step's next lease renewal after the run is cancelled", async () => {
    // A short lease: renewed every 100 ms, which is when the step learns the run has ended.
    const runtime = createRuntime({ world: createMemoryWorld(), bundles, stepLeaseMs: 300 });
    await runtime.start();
    try {
      aborts.length = 0;
      const run = await start(timeouts("cancellable"), [], { runtime });
      await expect
        .poll(async () => (await runtime.world.readEvents(run.runId)).map((e) => e.type))
        .toContain("step_started");
      expect(aborts).toEqual([]);
      await run.cancel();
      await expect.poll(() => aborts.length, { timeout: 3000 }).toBe(1);
      expect(WorkflowRunCancelledError.is(aborts[0])).toBe(true);
      expect(await run.status).toBe("cancelled");
    } finally {
      await runtime.close();
    }
  });
});
