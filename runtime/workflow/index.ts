/**
 * `workflow`, as app code and steps see it. The workflow sandbox gets `in-workflow.ts` instead
 * (the `workflow` export condition), where `sleep` and friends talk to the engine.
 */
import { resumeHook } from "../api/hooks.js";
import type { Runtime } from "../engine/runtime.js";
import { createDefineHook } from "./define-hook.js";
import { registerHookDefinition } from "./hook-registry.js";
import type { Duration } from "./duration.js";
import type { Hook, HookOptions, Webhook, WebhookOptions } from "./hooks.js";
import type { StepMetadata, WorkflowMetadata } from "./metadata.js";
import { getStepContext } from "./step-context.js";
// Registers the webhook request class in this realm: steps receive webhook requests.
import "./webhook-request.js";

export { FatalError, RetryableError, type RetryableErrorOptions } from "./errors.js";
export { StepTimeoutError } from "../errors/index.js";
export type { Backoff, StepFunctionOptions, StepRetryOptions } from "./step-options.js";
export type { Duration } from "./duration.js";
export type { StepMetadata, WorkflowMetadata } from "./metadata.js";
export { fetch, getWritable, type WorkflowWritableStreamOptions } from "./step-io.js";
export type {
  Hook,
  HookOptions,
  RequestWithResponse,
  Webhook,
  WebhookOptions,
  WebhookRateLimit,
} from "./hooks.js";
export type { ResumedHook, StandardSchemaV1, TypedHook } from "./define-hook.js";

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

/**
 * The current step's ID, attempt, start time, next retry time and abort signal. Only inside a
 * step.
 */
export function getStepMetadata(): StepMetadata {
  const context = getStepContext();
  if (!context) {
    throw new Error(
      `getStepMetadata() can only be called inside a step function ("use step") while it runs as a step.`,
    );
  }
  // The signal is not enumerable: the metadata stays plain data a step can return or log.
  const { signal, ...step } = context.step;
  return Object.defineProperty(step, "signal", {
    value: signal,
    enumerable: false,
  }) as StepMetadata;
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

const onlyInWorkflow = (name: string) =>
  new Error(
    `${name} can only be called inside a workflow function ("use workflow"). ` +
      `Create the hook in the workflow, pass its token out (e.g. to a step), and resume it from outside with resumeHook(token, payload).`,
  );

/** A hook that outside code resumes with `resumeHook(token, payload)`. Only inside a workflow. */
export function createHook<T = unknown>(options?: HookOptions): Hook<T> {
  void options;
  throw onlyInWorkflow("createHook()");
}

/** A hook resumed by HTTP requests to its URL. Only inside a workflow. */
export function createWebhook(options?: WebhookOptions): Webhook {
  void options;
  throw onlyInWorkflow("createWebhook()");
}

/**
 * A typed hook: `.create()` in a workflow; `.resume(token, payload)` here validates the payload
 * with the schema (any Standard Schema: zod, valibot, ...) before anything is written.
 */
export const defineHook = createDefineHook({
  create: () => {
    throw onlyInWorkflow("create() of a defineHook() hook");
  },
  resume: (token, payload, options) =>
    resumeHook(token, payload, options as { runtime?: Runtime } | undefined),
  register: registerHookDefinition,
});
