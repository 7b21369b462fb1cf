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
}

/** The base URL workflows report: `WORKFLOW_URL`, else `http://localhost:$PORT`. */
export function getAppUrl(env: Record<string, string | undefined>): string {
  if (env.WORKFLOW_URL) return env.WORKFLOW_URL;
  return `http://localhost:${env.PORT ?? "3000"}`;
}
