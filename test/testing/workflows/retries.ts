import { getStepMetadata, RetryableError } from "workflow";

/**
 * What each attempt of a step saw in getStepMetadata(). Steps run in the test's process, but
 * from the step bundle's copy of this module: the list is on globalThis, shared by both copies.
 */
type Seen = Array<{ step: string; attempt: number; nextRetryAt: number | undefined }>;
const global = globalThis as { [SEEN]?: Seen };
const SEEN = Symbol.for("test.retries.seen");
export const seen: Seen = (global[SEEN] ??= []);

/** A step that fails its first three attempts, under an hourly exponential policy capped at 3h. */
export async function hourlyBackoff() {
  "use workflow";
  return await flakyHourly();
}

export async function flakyHourly(): Promise<string> {
  "use step";
  const meta = getStepMetadata();
  seen.push({
    step: "flakyHourly",
    attempt: meta.attempt,
    nextRetryAt: meta.nextRetryAt?.getTime(),
  });
  if (meta.attempt < 4) throw new Error(`down on attempt ${meta.attempt}`);
  return `up on attempt ${meta.attempt}`;
}
flakyHourly.retry = {
  maxAttempts: 5,
  backoff: "exponential",
  initialDelay: "1h",
  maxDelay: "3h",
  jitter: false,
} as const;

/** RetryableError's retryAfter wins for its attempt; the policy gives the next delay. */
export async function retryAfterWins() {
  "use workflow";
  return await rateLimited();
}

export async function rateLimited(): Promise<string> {
  "use step";
  const { attempt } = getStepMetadata();
  if (attempt === 1) throw new RetryableError("429", { retryAfter: "5m" });
  if (attempt === 2) throw new Error("503");
  return "ok";
}
rateLimited.retry = {
  backoff: "linear",
  initialDelay: "1h",
  maxDelay: "1d",
  jitter: false,
} as const;

/** A jittered policy that always fails: 4 attempts, every delay drawn from the run's seed. */
export async function jittered() {
  "use workflow";
  try {
    await alwaysDown();
    return "unreachable";
  } catch (error) {
    return (error as Error).message;
  }
}

export async function alwaysDown(): Promise<string> {
  "use step";
  const meta = getStepMetadata();
  seen.push({
    step: "alwaysDown",
    attempt: meta.attempt,
    nextRetryAt: meta.nextRetryAt?.getTime(),
  });
  throw new Error(`down on attempt ${meta.attempt}`);
}
alwaysDown.retry = { maxAttempts: 4, initialDelay: "10m", maxDelay: "1h" } as const;

/** A step with a wrong option: it fails without running, with INVALID_STEP_OPTIONS. */
export async function badOptions() {
  "use workflow";
  try {
    return await misconfigured();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

export async function misconfigured(): Promise<string> {
  "use step";
  return "ran";
}
(misconfigured as { retry?: unknown }).retry = { backoff: "quadratic" };
