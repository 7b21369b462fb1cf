import { describe, expect, it } from "vitest";
import { jitterFraction, type RetryPolicy, retryDelayMs } from "./retry-policy.js";

const policy = (overrides: Partial<RetryPolicy>): RetryPolicy => ({
  maxAttempts: 10,
  backoff: "exponential",
  initialDelayMs: 1000,
  maxDelayMs: 300_000,
  jitter: false,
  ...overrides,
});

const delays = (p: RetryPolicy, key = "seed:step") =>
  [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(p, attempt, key));

describe("retryDelayMs", () => {
  it("exponential doubles from initialDelay", () => {
    expect(delays(policy({}))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it("linear grows by initialDelay each attempt", () => {
    expect(delays(policy({ backoff: "linear" }))).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it("fixed is initialDelay every time", () => {
    expect(delays(policy({ backoff: "fixed", initialDelayMs: 250 }))).toEqual([
      250, 250, 250, 250, 250,
    ]);
  });

  it("caps every backoff at maxDelay", () => {
    expect(delays(policy({ maxDelayMs: 5000 }))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(delays(policy({ backoff: "linear", maxDelayMs: 2500 }))).toEqual([
      1000, 2000, 2500, 2500, 2500,
    ]);
    // Far past 2^1000: still the cap, not Infinity.
    expect(retryDelayMs(policy({ maxDelayMs: 60_000 }), 2000, "k")).toBe(60_000);
  });

  it("jitter keeps each delay within [delay / 2, delay], capped delays included", () => {
    const jittered = policy({ jitter: true, maxDelayMs: 5000 });
    const plain = policy({ maxDelayMs: 5000 });
    for (let run = 0; run < 200; run++) {
      for (let attempt = 1; attempt <= 6; attempt++) {
        const full = retryDelayMs(plain, attempt, `seed${run}:step`);
        const delay = retryDelayMs(jittered, attempt, `seed${run}:step`);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  it("jitter is the same for the same run, step and attempt (a replay, another worker)", () => {
    const p = policy({ jitter: true });
    expect(delays(p, "seedA:step_1")).toEqual(delays(p, "seedA:step_1"));
    // ...and differs between steps (or runs): that is what spreads their retries.
    expect(delays(p, "seedA:step_1")).not.toEqual(delays(p, "seedA:step_2"));
    expect(delays(p, "seedA:step_1")).not.toEqual(delays(p, "seedB:step_1"));
  });

  it("draws jitter fractions spread over [0, 1)", () => {
    const fractions = Array.from({ length: 1000 }, (_, i) => jitterFraction(`key:${i}`));
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fractions)).toBeLessThan(1);
    const low = fractions.filter((f) => f < 0.5).length;
    expect(low).toBeGreaterThan(400);
    expect(low).toBeLessThan(600);
  });
});
