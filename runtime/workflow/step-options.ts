/**
 * The options a step function carries as properties, set where it is defined:
 *
 * ```ts
 * async function chargeCard(orderId: string) { "use step"; ... }
 * chargeCard.retry = { maxAttempts: 5, backoff: "exponential", initialDelay: "1s", maxDelay: "5m" };
 * chargeCard.timeout = "30s";
 * ```
 *
 * The engine reads them when it runs an attempt (runtime/engine/read-step-options.ts); a wrong
 * one fails the step with the code INVALID_STEP_OPTIONS, naming the step and the option.
 */
import type { Backoff } from "../engine/retry-policy.js";

export type { Backoff } from "../engine/retry-policy.js";

/** `fn.retry`: how often a failing step runs again, and after how long. */
export interface StepRetryOptions {
  /**
   * Attempts in all, the first included (an integer >= 1). `fn.maxRetries` (retries after the
   * first attempt) says the same; set both only if they agree (maxAttempts = maxRetries + 1).
   * @default fn.maxRetries + 1, else 4
   */
  maxAttempts?: number;
  /**
   * exponential: initialDelay, 2x, 4x, ...; linear: initialDelay, 2x, 3x, ...; fixed: initialDelay.
   * @default "exponential"
   */
  backoff?: Backoff;
  /** The delay after the first failed attempt: a duration ("1s") or milliseconds. @default "1s" */
  initialDelay?: string | number;
  /** No delay is longer. @default "5m", or initialDelay if that is longer */
  maxDelay?: string | number;
  /**
   * Spread each delay over [delay / 2, delay], so that steps failing together do not retry
   * together. Drawn from the run's seed, the step and the attempt: the same on every replay.
   * @default true
   */
  jitter?: boolean;
}

/** The options a step function may carry (`fn.maxRetries`, `fn.retry`, `fn.timeout`). */
export interface StepFunctionOptions {
  /** Retries after the first attempt. @default 3 */
  maxRetries?: number;
  /** The retry policy. @default a fixed delay of the runtime's retryDelayMs (1s) */
  retry?: StepRetryOptions;
  /**
   * How long one attempt may run ("30s", or milliseconds): past it the attempt fails with
   * StepTimeoutError (retried by the policy) and `getStepMetadata().signal` is aborted.
   * @default no limit
   */
  timeout?: string | number;
}
