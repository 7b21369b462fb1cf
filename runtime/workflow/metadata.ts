/** What `getWorkflowMetadata()` returns. */
export interface WorkflowMetadata {
  /** Unique run identifier. */
  workflowRunId: string;
  workflowName: string;
  /** When the run started. */
  workflowStartedAt: Date;
  /** Base URL of the app that runs the workflow. */
  url: string;
}

/** What `getStepMetadata()` returns. */
export interface StepMetadata {
  /** Unique per step call and stable across its retries: use it as an idempotency key. */
  stepId: string;
  stepName: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** When the first attempt started. */
  stepStartedAt: Date;
  /**
   * When the next attempt would start if this one failed now: now plus the retry policy's
   * delay for this attempt (`fn.retry`; a RetryableError's own `retryAfter` would win).
   * `undefined` on the last attempt.
   */
  nextRetryAt?: Date;
  /**
   * Aborted when this attempt reaches its deadline (`fn.timeout`; the reason is a
   * StepTimeoutError), or when the run ends while it runs (noticed at the step's next lease
   * renewal; the reason is a WorkflowRunCancelledError or WorkflowRunFailedError). Pass it to
   * `fetch` and other I/O so that they stop with the attempt. Not enumerable: the metadata
   * stays plain data a step can return.
   */
  signal: AbortSignal;
}

/**
 * The base URL workflows report: `WORKFLOW_URL`, else `serverUrl` (where a dev server listens),
 * else `http://localhost:$PORT`, else port 3000. An empty variable counts as unset.
 */
export function getAppUrl(env: Record<string, string | undefined>, serverUrl?: string): string {
  return env.WORKFLOW_URL || serverUrl || `http://localhost:${env.PORT || "3000"}`;
}
