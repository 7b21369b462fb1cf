/**
 * `workflow` inside the workflow sandbox (the `workflow` export condition). Nothing here may
 * use Node: it is bundled into the sandbox, where the engine provides the hooks below.
 */
import { HookConflictError, WebhookTokenTooShortError } from "../errors/index.js";
import { createDefineHook } from "./define-hook.js";
import type { Duration } from "./duration.js";
import { FatalError, RetryableError } from "./errors.js";
import {
  type CreateHookRequest,
  type Hook,
  type HookHandle,
  type HookOptions,
  toHook,
  toWebhook,
  type Webhook,
  type WebhookOptions,
} from "./hooks.js";
import type { StepMetadata, WorkflowMetadata } from "./metadata.js";
// Registers the webhook request class in the sandbox's realm, so payloads revive as it.
import "./webhook-request.js";
// Registers the fetch Response class and the stream handle factory in the sandbox's realm.
import "./fetch-response.js";
import "./stream-handle.js";
import { SLEEP, CONTEXT, ERRORS, CREATE_HOOK } from "../../protocol/symbols.js";

export { fetch, getWritable, type WorkflowWritableStreamOptions } from "./in-workflow-io.js";

export { FatalError, RetryableError, type RetryableErrorOptions } from "./errors.js";
export { StepTimeoutError } from "../errors/index.js";
export type { Backoff, StepFunctionOptions, StepRetryOptions } from "./step-options.js";
export type { Duration } from "./duration.js";
export type { StepMetadata, WorkflowMetadata } from "./metadata.js";
export type {
  Hook,
  HookOptions,
  RequestWithResponse,
  Webhook,
  WebhookOptions,
  WebhookRateLimit,
} from "./hooks.js";
export type { StandardSchemaV1, TypedHook, ResumedHook } from "./define-hook.js";

type Hooks = {
  [SLEEP]?: (d: Duration) => Promise<void>;
  [CONTEXT]?: () => WorkflowMetadata;
  [ERRORS]?: unknown;
  [CREATE_HOOK]?: (request: CreateHookRequest) => HookHandle;
};
const hooks = globalThis as typeof globalThis & Hooks;

// The engine rebuilds failed steps' errors with these classes, so `instanceof` works in workflows.
// The engine also throws HookConflictError and WebhookTokenTooShortError with them.
hooks[ERRORS] = { FatalError, RetryableError, HookConflictError, WebhookTokenTooShortError };

function requireHook<K extends typeof SLEEP | typeof CONTEXT | typeof CREATE_HOOK>(
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

/**
 * A hook that outside code resumes with `resumeHook(hook.token, payload)`: `await hook` takes
 * the next payload, `for await` takes them all, in arrival order.
 */
export function createHook<T = unknown>(options?: HookOptions): Hook<T> {
  const create = requireHook(CREATE_HOOK, "createHook()");
  const handle = create({
    token: options?.token,
    metadata: options?.metadata,
  });
  return toHook<T>(handle);
}

/**
 * A hook resumed by HTTP requests to `webhook.url`: the awaited value is the request. The
 * caller gets 202, the `respondWith` Response, or (with `"manual"`) what a step passes to
 * `request.respondWith()`.
 */
export function createWebhook(options?: WebhookOptions): Webhook {
  const create = requireHook(CREATE_HOOK, "createWebhook()");
  const handle = create({
    token: options?.token,
    metadata: options?.metadata,
    webhook: {
      respondWith: options?.respondWith,
      keepHeaders: options?.keepHeaders,
      maxBodyBytes: options?.maxBodyBytes,
      rateLimit: options?.rateLimit,
    },
  });
  return toWebhook(handle, getWorkflowMetadata().url);
}

/** Typed hooks validated by a Standard Schema: `.create()` here, `.resume()` outside workflows. */
export const defineHook = createDefineHook({
  create: (options, definition) => {
    const create = requireHook(CREATE_HOOK, "create() of a defineHook() hook");
    const handle = create({ token: options?.token, metadata: options?.metadata, definition });
    return toHook(handle);
  },
  resume: () =>
    Promise.reject(
      new Error(
        `resume() of a defineHook() hook cannot be called inside a workflow: call it from an API route or a script, or create the hook here and resume it from outside.`,
      ),
    ),
});
