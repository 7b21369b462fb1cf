/**
 * When a failed step attempt runs again: the delay of each retry under a step's policy
 * (`fn.retry`), capped and jittered. The jitter is a pure function of the run's seed, the step's
 * ID and the attempt, so a replay, a test and a second worker compute the same delay.
 */
import { createSeededRandom } from "./ids.js";

/** How the delay grows from one retry to the next. */
export type Backoff = "exponential" | "linear" | "fixed";

export const BACKOFFS: readonly Backoff[] = ["exponential", "linear", "fixed"];

/** A step's retry policy, normalized (durations in milliseconds). */
export interface RetryPolicy {
  /** Attempts in all, the first included (>= 1). */
  maxAttempts: number;
  backoff: Backoff;
  /** The delay after the first failed attempt. */
  initialDelayMs: number;
  /** No delay is longer. */
  maxDelayMs: number;
  /** Each delay is drawn in [delay / 2, delay] (deterministically, see {@link retryDelayMs}). */
  jitter: boolean;
}

/** What a step's jitter is drawn from: the run's seed and the step's ID (with the attempt). */
export const jitterKeyOf = (seed: string, stepId: string) => `${seed}:${stepId}`;

/**
 * The delay before the attempt after `attempt` (1-based: the one that just failed).
 * exponential: initialDelay * 2^(attempt-1); linear: initialDelay * attempt; fixed: initialDelay;
 * then capped at maxDelay, then, with jitter, scaled by a factor in [0.5, 1] drawn from
 * `jitterKey` (the run's seed and the step's ID) and the attempt.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, jitterKey: string): number {
  const base =
    policy.backoff === "exponential"
      ? policy.initialDelayMs * 2 ** (attempt - 1)
      : policy.backoff === "linear"
        ? policy.initialDelayMs * attempt
        : policy.initialDelayMs;
  const capped = Math.min(base, policy.maxDelayMs);
  if (!policy.jitter) return Math.round(capped);
  return Math.round(capped * (0.5 + 0.5 * jitterFraction(`${jitterKey}:${attempt}`)));
}

/** A number in [0, 1) from a string, the same in every process (the first draw of its seeded generator). */
export function jitterFraction(key: string): number {
  return createSeededRandom(key)();
}
