/**
 * A step function's options (`fn.maxRetries`, `fn.retry`, `fn.timeout`), checked and normalized
 * when an attempt is about to run. A wrong option throws {@link StepOptionsError}, which fails
 * the step with the code INVALID_STEP_OPTIONS: its message names the step, the option, the
 * value given and what is accepted.
 */
import type { FailureCode } from "../../protocol/codes.js";
import type { StepFunction } from "../internal/private.js";
import { parseDurationMs } from "../workflow/duration.js";
import { BACKOFFS, type RetryPolicy } from "./retry-policy.js";

/** Default number of retries after the first attempt (4 attempts in all). */
export const DEFAULT_MAX_RETRIES = 3;

const RETRY_KEYS = ["maxAttempts", "backoff", "initialDelay", "maxDelay", "jitter"];
const DEFAULT_INITIAL_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 5 * 60_000;

/** What the engine needs of a step's options. */
export interface StepOptions {
  policy: RetryPolicy;
  /** How long one attempt may run; undefined: no limit. */
  timeoutMs?: number;
}

/** A step's option is wrong: the step fails with this, without running. */
export class StepOptionsError extends Error {
  readonly code = "INVALID_STEP_OPTIONS" satisfies FailureCode;
  override name = "StepOptionsError";
}

/**
 * The options of the step `stepName`. Without `fn.retry`, a failed attempt is retried after
 * `defaultDelayMs` (the runtime's retryDelayMs), as before retry policies existed.
 */
export function readStepOptions(
  fn: StepFunction,
  stepName: string,
  defaultDelayMs: number,
): StepOptions {
  const bad = (option: string, got: unknown, accepted: string) =>
    new StepOptionsError(
      `Step "${stepName}" has an invalid option ${option}: got ${show(got)}; ${accepted}. ` +
        `Fix it where the step function is defined (e.g. myStep.retry = { maxAttempts: 5, backoff: "exponential" }).`,
    );
  const duration = (option: string, value: unknown, positive: boolean) => {
    const accepted = `expected a ${positive ? "positive" : "non-negative"} duration ("30s", "5m") or milliseconds`;
    if (typeof value !== "string" && typeof value !== "number") throw bad(option, value, accepted);
    let ms: number;
    try {
      ms = parseDurationMs(value, option);
    } catch {
      throw bad(option, value, accepted);
    }
    if (positive && ms <= 0) throw bad(option, value, accepted);
    return ms;
  };

  const { maxRetries, retry, timeout } = fn as StepFunction & {
    retry?: unknown;
    timeout?: unknown;
  };
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0))
    throw bad(
      "maxRetries",
      maxRetries,
      "expected an integer >= 0 (retries after the first attempt)",
    );
  const timeoutMs = timeout === undefined ? undefined : duration("timeout", timeout, true);
  const attemptsFromRetries = (maxRetries ?? DEFAULT_MAX_RETRIES) + 1;

  if (retry === undefined) {
    return {
      policy: {
        maxAttempts: attemptsFromRetries,
        backoff: "fixed",
        initialDelayMs: defaultDelayMs,
        maxDelayMs: defaultDelayMs,
        jitter: false,
      },
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    };
  }
  if (typeof retry !== "object" || retry === null || Array.isArray(retry))
    throw bad("retry", retry, `expected an object with ${RETRY_KEYS.join(", ")}`);
  const options = retry as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!RETRY_KEYS.includes(key))
      throw bad(`retry.${key}`, options[key], `the retry options are ${RETRY_KEYS.join(", ")}`);
  }

  let maxAttempts = attemptsFromRetries;
  if (options.maxAttempts !== undefined) {
    const value = options.maxAttempts;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
      throw bad("retry.maxAttempts", value, "expected an integer >= 1 (attempts in all)");
    if (maxRetries !== undefined && value !== maxRetries + 1)
      throw bad(
        "retry.maxAttempts",
        value,
        `fn.maxRetries = ${maxRetries} says ${maxRetries + 1} attempts; set one of the two (retry.maxAttempts wins only when they agree)`,
      );
    maxAttempts = value;
  }
  const backoff = options.backoff ?? "exponential";
  if (!BACKOFFS.includes(backoff as never))
    throw bad("retry.backoff", backoff, `expected ${BACKOFFS.map((b) => `"${b}"`).join(", ")}`);
  const initialDelayMs =
    options.initialDelay === undefined
      ? DEFAULT_INITIAL_DELAY_MS
      : duration("retry.initialDelay", options.initialDelay, false);
  // Without maxDelay: 5m, or initialDelay if it is longer (then every delay is initialDelay).
  let maxDelayMs = Math.max(DEFAULT_MAX_DELAY_MS, initialDelayMs);
  if (options.maxDelay !== undefined) {
    maxDelayMs = duration("retry.maxDelay", options.maxDelay, false);
    if (maxDelayMs < initialDelayMs)
      throw bad("retry.maxDelay", options.maxDelay, `expected at least retry.initialDelay`);
  }
  const jitter = options.jitter ?? true;
  if (typeof jitter !== "boolean") throw bad("retry.jitter", jitter, "expected true or false");

  return {
    policy: {
      maxAttempts,
      backoff: backoff as RetryPolicy["backoff"],
      initialDelayMs,
      maxDelayMs,
      jitter,
    },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
