import { describe, expect, it } from "vitest";
import type { StepFunction } from "../internal/private.js";
import { readStepOptions, StepOptionsError } from "./read-step-options.js";

const step = (options: Record<string, unknown>): StepFunction =>
  Object.assign(async () => {}, options) as StepFunction;
const read = (options: Record<string, unknown>) => readStepOptions(step(options), "charge", 1000);

/** The error a wrong option gives: coded, naming the step, the option and the value. */
function errorOf(options: Record<string, unknown>): StepOptionsError {
  try {
    read(options);
  } catch (error) {
    expect(error).toBeInstanceOf(StepOptionsError);
    return error as StepOptionsError;
  }
  throw new Error(`expected ${JSON.stringify(options)} to be refused`);
}

describe("readStepOptions", () => {
  it("without fn.retry: the runtime's fixed delay, 4 attempts (or fn.maxRetries + 1)", () => {
    expect(read({})).toEqual({
      policy: {
        maxAttempts: 4,
        backoff: "fixed",
        initialDelayMs: 1000,
        maxDelayMs: 1000,
        jitter: false,
      },
    });
    expect(read({ maxRetries: 0 }).policy.maxAttempts).toBe(1);
  });

  it("fills fn.retry's defaults: exponential from 1s up to 5m, jittered", () => {
    expect(read({ retry: {} }).policy).toEqual({
      maxAttempts: 4,
      backoff: "exponential",
      initialDelayMs: 1000,
      maxDelayMs: 300_000,
      jitter: true,
    });
    expect(
      read({
        retry: {
          maxAttempts: 6,
          backoff: "linear",
          initialDelay: "2s",
          maxDelay: 60_000,
          jitter: false,
        },
        timeout: "30s",
      }),
    ).toEqual({
      policy: {
        maxAttempts: 6,
        backoff: "linear",
        initialDelayMs: 2000,
        maxDelayMs: 60_000,
        jitter: false,
      },
      timeoutMs: 30_000,
    });
  });

  it("takes fn.maxRetries as the count when fn.retry has no maxAttempts, and both when they agree", () => {
    expect(read({ maxRetries: 1, retry: { backoff: "fixed" } }).policy.maxAttempts).toBe(2);
    expect(read({ maxRetries: 4, retry: { maxAttempts: 5 } }).policy.maxAttempts).toBe(5);
  });

  it.each([
    [{ retry: { backoff: "quadratic" } }, "retry.backoff", '"quadratic"'],
    [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts", "0"],
    [{ retry: { maxAttempts: 2.5 } }, "retry.maxAttempts", "2.5"],
    [{ retry: { initialDelay: -5 } }, "retry.initialDelay", "-5"],
    [{ retry: { initialDelay: "-1s" } }, "retry.initialDelay", '"-1s"'],
    [{ retry: { maxDelay: "soon" } }, "retry.maxDelay", '"soon"'],
    [{ retry: { initialDelay: "1m", maxDelay: "10s" } }, "retry.maxDelay", '"10s"'],
    [{ retry: { jitter: "yes" } }, "retry.jitter", '"yes"'],
    [{ retry: { maxAttemps: 3 } }, "retry.maxAttemps", "3"],
    [{ retry: "exponential" }, "retry", '"exponential"'],
    [{ maxRetries: -1 }, "maxRetries", "-1"],
    [{ maxRetries: 2, retry: { maxAttempts: 5 } }, "retry.maxAttempts", "5"],
    [{ timeout: 0 }, "timeout", "0"],
    [{ timeout: -5 }, "timeout", "-5"],
    [{ timeout: "0s" }, "timeout", '"0s"'],
    [{ timeout: "30 parsecs" }, "timeout", '"30 parsecs"'],
    [{ timeout: true }, "timeout", "true"],
  ])("refuses %j, naming the step and %s", (options, option, shown) => {
    const error = errorOf(options);
    expect(error.code).toBe("INVALID_STEP_OPTIONS");
    expect(error.message).toContain(`Step "charge" has an invalid option ${option}: got ${shown}`);
  });

  it("says what is accepted", () => {
    expect(errorOf({ retry: { backoff: "quadratic" } }).message).toContain(
      'expected "exponential", "linear", "fixed"',
    );
    expect(errorOf({ timeout: -5 }).message).toContain('positive duration ("30s", "5m")');
    expect(errorOf({ maxRetries: 2, retry: { maxAttempts: 5 } }).message).toContain(
      "fn.maxRetries = 2 says 3 attempts",
    );
  });
});
