/**
 * `workflow`, as app code and steps see it. The workflow sandbox gets `in-workflow.ts` instead
 * (the `workflow` export condition), where `sleep` and friends talk to the engine.
 */
import type { Duration } from "./duration.js";
import type { StepMetadata, WorkflowMetadata } from "./metadata.js";
import { getStepContext } from "./step-context.js";

export { FatalError, RetryableError, type RetryableErrorOptions } from "./errors.js";
export type { Duration } from "./duration.js";
export type { StepMetadata, WorkflowMetadata } from "./metadata.js";

/**
 * Suspends the workflow for a duration or until a Date. Only inside a workflow function: a
 * step that needs to wait should return, and let the workflow sleep.
 */
export async function sleep(duration: Duration): Promise<void> {
  void duration;
  throw new Error(
    `sleep() can only be called inside a workflow function ("use workflow"). ` +
      `In a step, return and let the workflow sleep between steps.`,
  );
}

/** The current step's ID, attempt and start time. Only inside a step. */
export function getStepMetadata(): StepMetadata {
  const context = getStepContext();
  if (!context) {
    throw new Error(
      `getStepMetadata() can only be called inside a step function ("use step") while it runs as a step.`,
    );
  }
  return { ...context.step };
}

/** The current run's ID, start time and URL. Inside a workflow, or a step running for one. */
export function getWorkflowMetadata(): WorkflowMetadata {
  const context = getStepContext();
  if (!context) {
    throw new Error(
      `getWorkflowMetadata() can only be called inside a workflow or a step that runs for one.`,
    );
  }
  return { ...context.workflow };
}
