/**
 * Issue 13 item 2: retry policies (fn.retry) on the virtual clock of workflow/testing: delays of
 * hours pass at once, each retry's attempt and delay are in the event log, getStepMetadata()
 * shows attempt and nextRetryAt, RetryableError.retryAfter wins for its attempt, jitter is drawn
 * from the run's seed, and a wrong option fails the step with INVALID_STEP_OPTIONS.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../../integrations/testing/index.js";
import { retryDelayMs } from "../../runtime/engine/retry-policy.js";
import type { EventOf, StoredEvent } from "../../runtime/worlds/index.js";
import { ROOT, step, workflow } from "./handles.js";
import { seen } from "./workflows/retries.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;

const ofType = <K extends StoredEvent["type"]>(events: StoredEvent[], type: K) =>
  events.filter((event): event is EventOf<K> => event.type === type);

let runtime: TestRuntime;
beforeEach(async () => {
  seen.length = 0;
  runtime = await createTestRuntime({ root: ROOT });
});
afterEach(() => runtime.close());

describe("fn.retry on the virtual clock", () => {
  it("exponential from 1h, capped at 3h: retries after 1h, 2h, 3h, recorded per attempt", async () => {
    const t0 = runtime.clock.now();
    const wall = performance.now();
    const run = await runtime.start(workflow<[], string>("retries", "hourlyBackoff"), []);
    expect(await run.returnValue).toBe("up on attempt 4");
    expect(performance.now() - wall).toBeLessThan(20_000); // no real waiting for 6 hours
    expect(runtime.clock.now() - t0).toBeGreaterThanOrEqual(6 * HOUR);

    const events = await runtime.events(run);
    const retries = ofType(events, "step_retrying");
    expect(retries.map((e) => [e.data.attempt, e.data.delayMs, e.data.delayFrom])).toEqual([
      [1, HOUR, "policy"],
      [2, 2 * HOUR, "policy"],
      [3, 3 * HOUR, "policy"],
    ]);
    for (const retry of retries)
      expect(retry.data.retryAfter - retry.createdAt).toBe(retry.data.delayMs);
    // Each next attempt started at its retryAfter, not before.
    const starts = ofType(events, "step_started");
    expect(starts.map((e) => e.data.attempt)).toEqual([1, 2, 3, 4]);
    retries.forEach((retry, i) => expect(starts[i + 1]!.createdAt).toBe(retry.data.retryAfter));

    // getStepMetadata(): the attempt, and when it would be retried: what the log then recorded.
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3, 4]);
    retries.forEach((retry, i) => expect(seen[i]!.nextRetryAt).toBe(retry.data.retryAfter));
    // Attempt 4 of 5 would still be retried (after the 3h cap); the step succeeded instead.
    expect(seen[3]!.nextRetryAt).toBe(starts[3]!.createdAt + 3 * HOUR);
  });

  it("RetryableError's retryAfter wins for its attempt; the policy gives the next delay", async () => {
    const run = await runtime.start(workflow<[], string>("retries", "retryAfterWins"), []);
    expect(await run.returnValue).toBe("ok");
    const retries = ofType(await runtime.events(run), "step_retrying");
    expect(retries.map((e) => [e.data.attempt, e.data.delayFrom])).toEqual([
      [1, "retryAfter"],
      [2, "policy"],
    ]);
    // retryAfter "5m" was made from the real clock in the step: a few ms may pass before it is read.
    expect(retries[0]!.data.delayMs).toBeGreaterThan(5 * MINUTE - 1000);
    expect(retries[0]!.data.delayMs).toBeLessThanOrEqual(5 * MINUTE);
    // linear from 1h: the second attempt's retry is 2h.
    expect(retries[1]!.data.delayMs).toBe(2 * HOUR);
  });

  it("jitter: each delay in [d/2, d], drawn from the run's seed, step and attempt", async () => {
    const run = await runtime.start(workflow<[], string>("retries", "jittered"), []);
    expect(await run.returnValue).toMatch(/failed after 3 retries: down on attempt 4$/);
    const events = await runtime.events(run);
    const seed = ofType(events, "run_created")[0]!.data.seed;
    const retries = ofType(events, "step_retrying");
    const policy = {
      maxAttempts: 4,
      backoff: "exponential",
      initialDelayMs: 10 * MINUTE,
      maxDelayMs: HOUR,
      jitter: true,
    } as const;
    const full = [10 * MINUTE, 20 * MINUTE, 40 * MINUTE];
    expect(retries).toHaveLength(3);
    retries.forEach((retry, i) => {
      const delay = retry.data.delayMs!;
      expect(delay).toBeGreaterThanOrEqual(full[i]! / 2);
      expect(delay).toBeLessThanOrEqual(full[i]!);
      // Reproducible: the same function of (seed, step ID, attempt) gives the same delay.
      expect(delay).toBe(retryDelayMs(policy, i + 1, `${seed}:${retry.correlationId}`));
    });
    // Not all at the top of their range: the jitter is applied.
    expect(retries.some((retry, i) => retry.data.delayMs! < full[i]!)).toBe(true);
    // The last attempt has no next retry.
    expect(seen.map((s) => s.nextRetryAt === undefined)).toEqual([false, false, false, true]);
    expect(ofType(events, "step_failed")).toHaveLength(1);
  });

  it("a wrong option fails the step without running it, naming the step and the option", async () => {
    const run = await runtime.start(
      workflow<[], { code: string; message: string }>("retries", "badOptions"),
      [],
    );
    const misconfigured = step("retries", "misconfigured");
    const result = await run.returnValue;
    expect(result.code).toBe("INVALID_STEP_OPTIONS");
    expect(result.message).toContain(
      `Step "step//./test/testing/workflows/retries//misconfigured" has an invalid option retry.backoff: got "quadratic"`,
    );
    expect(result.message).toContain('expected "exponential", "linear", "fixed"');
    expect(runtime.calls(misconfigured)).toEqual([]);
    const events = await runtime.events(run);
    expect(ofType(events, "step_started")).toHaveLength(0);
    expect(ofType(events, "step_failed")[0]!.data.error.code).toBe("INVALID_STEP_OPTIONS");
  });
});
