/**
 * `workflow` inside the workflow sandbox (the `workflow` export condition). Nothing here may
 * use Node: it is bundled into the sandbox, where the engine provides the hooks below.
 */
import type { Duration } from "./duration.js";
import { FatalError, RetryableError } from "./errors.js";
import type { StepMetadata, WorkflowMetadata } from "./metadata.js";

export { FatalError, RetryableError, type RetryableErrorOptions } from "./errors.js";
export type { Duration } from "./duration.js";
export type { StepMetadata, WorkflowMetadata } from "./metadata.js";

const SLEEP = Symbol.for("WORKFLOW_SLEEP");
const CONTEXT = Symbol.for("WORKFLOW_CONTEXT");
const ERRORS = Symbol.for("WORKFLOW_ERRORS");

type Hooks = {
  [SLEEP]?: (d: Duration) => Promise<void>;
  [CONTEXT]?: () => WorkflowMetadata;
  [ERRORS]?: unknown;
};
const hooks = globalThis as typeof globalThis & Hooks;

// The engine rebuilds failed steps' errors with these classes, so `instanceof` works in workflows.
hooks[ERRORS] = { FatalError, RetryableError };

function requireHook<K extends typeof SLEEP | typeof CONTEXT>(
  key: K,
  name: string,
): NonNullable<Hooks[K]> {
  const hook = hooks[key];
  if (!hook)
    throw new Error(
      `${name} can only be called inside a workflow function run by the workflow engine.`,
    );
  return hook as NonNullable<Hooks[K]>;
}

export function sleep(duration: Duration): Promise<void> {
  return requireHook(SLEEP, "sleep()")(duration);
}

export function getWorkflowMetadata(): WorkflowMetadata {
  return requireHook(CONTEXT, "getWorkflowMetadata()")();
}

export function getStepMetadata(): StepMetadata {
  throw new Error(
    `getStepMetadata() can only be called inside a step function ("use step"), not in a workflow.`,
  );
}
