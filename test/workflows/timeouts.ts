import { getStepMetadata, sleep, StepTimeoutError } from "workflow";

/** Calls a server that never answers: every attempt times out, its request aborted by the signal. */
export async function slowServer(url: string) {
  "use workflow";
  try {
    return await fetchSlow(url);
  } catch (error) {
    return {
      code: (error as { code?: string }).code,
      message: (error as Error).message,
      isStepTimeout: StepTimeoutError.is(error),
    };
  }
}

export async function fetchSlow(url: string): Promise<string> {
  "use step";
  const { signal, attempt } = getStepMetadata();
  const response = await fetch(`${url}?attempt=${attempt}`, { signal });
  return await response.text();
}
fetchSlow.timeout = 200;
fetchSlow.retry = { maxAttempts: 2, backoff: "fixed", initialDelay: 10, jitter: false } as const;

/** A step that ignores its signal: the attempt still ends at the deadline. */
export async function stubbornStep() {
  "use workflow";
  try {
    return await ignoresSignal();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
}

export async function ignoresSignal(): Promise<string> {
  "use step";
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return "late";
}
ignoresSignal.timeout = "200ms";
ignoresSignal.maxRetries = 0;

/** A step fast enough for its timeout: it completes as usual. */
export async function quickStep() {
  "use workflow";
  return await withinTimeout();
}

export async function withinTimeout(): Promise<boolean> {
  "use step";
  return getStepMetadata().signal.aborted;
}
withinTimeout.timeout = "5s";

/** A step with a negative timeout: the step fails at once with INVALID_STEP_OPTIONS. */
export async function negativeTimeout() {
  "use workflow";
  return await badTimeout();
}

export async function badTimeout(): Promise<string> {
  "use step";
  return "ran";
}
(badTimeout as { timeout?: unknown }).timeout = -5;

/** Sleeps a minute: a run timeout of a second or two ends it first. */
export async function sleepsAMinute() {
  "use workflow";
  await sleep("60s");
  return "woke";
}

/** Where waitForAbort notes what its signal said (the step runs in the test's process). */
const ABORTS = Symbol.for("test.timeouts.aborts");
export const aborts: unknown[] = ((globalThis as { [ABORTS]?: unknown[] })[ABORTS] ??= []);

/** A step that runs until its signal aborts (it has no timeout: only the run's end aborts it). */
export async function cancellable() {
  "use workflow";
  return await waitForAbort();
}

export async function waitForAbort(): Promise<string> {
  "use step";
  const { signal } = getStepMetadata();
  await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  aborts.push(signal.reason);
  return "aborted";
}
