/**
 * Every global symbol key that crosses a boundary (compiled code -> runtime, sandbox realm ->
 * host realm, one copy of this package -> another), written once. `Symbol.for` keys are shared
 * by all realms of a process, which is what lets a vm sandbox and the host find each other.
 *
 * Three groups, three spellings, each kept for a reason:
 * - hooks the compiler emits into user code and the sandbox defines: `WORKFLOW_*`;
 * - the public class-serialization protocol users write by hand: `workflow-serialize`,
 *   `workflow-deserialize` (the published package's names; user classes depend on them);
 * - markers and registries private to this package: `workflow.*`.
 *
 * Nothing here may import Node: the workflow sandbox bundle includes this module.
 */

/** Keys of the hooks the compiler emits (see compiler/hooks.ts) and the sandbox defines. */
export const HOOK_KEYS = {
  /** `globalThis[Symbol.for(key)](stepId, closure?)`: a step call inside a workflow. */
  useStep: "WORKFLOW_USE_STEP",
  /** `globalThis[Symbol.for(key)](workflowId, fn)`: registers a workflow in the bundle. */
  registerWorkflow: "WORKFLOW_REGISTER",
  /** The per-file class registry compiled classes add themselves to. */
  classRegistry: "workflow-class-registry",
  /**
   * `globalThis[Symbol.for(key)]()`: the activation guard the workflow bundle calls in every
   * loop and function (compiler/activation-guards.ts); it throws once the activation ran too long.
   */
  activationTick: "workflow-activation-tick",
} as const;

/**
 * The first line of a workflow bundle whose files call the activation guard (`activationTick`):
 * the sandbox then limits an activation's time by it instead of by a `vm` timeout.
 */
export const GUARDED_BUNDLE_BANNER = "/* workflow: activation guards */";

/** Keys of the public class-serialization protocol (static methods of a user's class). */
export const CLASS_PROTOCOL_KEYS = {
  serialize: "workflow-serialize",
  deserialize: "workflow-deserialize",
} as const;

/** Keys the sandbox prelude and the `workflow` package's in-workflow entry share. */
export const SANDBOX_KEYS = {
  sleep: "WORKFLOW_SLEEP",
  context: "WORKFLOW_CONTEXT",
  createHook: "WORKFLOW_CREATE_HOOK",
  errors: "WORKFLOW_ERRORS",
  streamHandle: "WORKFLOW_STREAM_HANDLE",
} as const;

/** Keys of markers and registries private to this package (one per process, any realm). */
export const PRIVATE_KEYS = {
  stepRegistry: "workflow-step-registry",
  stepContext: "workflow.step-context",
  defaultRuntime: "workflow.default-runtime",
  prebuiltBundles: "workflow.prebuilt-bundles",
  webhookResponders: "workflow.webhook-responders",
  webhookHeldHeaders: "workflow.webhook-held-headers",
  hookDefinitions: "workflow.hook-definitions",
  streamRef: "workflow.stream-ref",
  fatalError: "workflow.FatalError",
  retryableError: "workflow.RetryableError",
  workflowError: "workflow.WorkflowError",
  worldError: "workflow.WorldError",
  requestError: "workflow.RequestError",
  serializationError: "workflow.serialization-error",
} as const;

export const USE_STEP: unique symbol = Symbol.for(HOOK_KEYS.useStep) as never;
export const REGISTER_WORKFLOW: unique symbol = Symbol.for(HOOK_KEYS.registerWorkflow) as never;
export const CLASS_REGISTRY: unique symbol = Symbol.for(HOOK_KEYS.classRegistry) as never;
export const WORKFLOW_SERIALIZE: unique symbol = Symbol.for(CLASS_PROTOCOL_KEYS.serialize) as never;
export const WORKFLOW_DESERIALIZE: unique symbol = Symbol.for(
  CLASS_PROTOCOL_KEYS.deserialize,
) as never;
export const SLEEP: unique symbol = Symbol.for(SANDBOX_KEYS.sleep) as never;
export const CONTEXT: unique symbol = Symbol.for(SANDBOX_KEYS.context) as never;
export const CREATE_HOOK: unique symbol = Symbol.for(SANDBOX_KEYS.createHook) as never;
export const ERRORS: unique symbol = Symbol.for(SANDBOX_KEYS.errors) as never;
export const STREAM_HANDLE_FACTORY: unique symbol = Symbol.for(SANDBOX_KEYS.streamHandle) as never;

export const STEP_REGISTRY: unique symbol = Symbol.for(PRIVATE_KEYS.stepRegistry) as never;
export const STEP_CONTEXT: unique symbol = Symbol.for(PRIVATE_KEYS.stepContext) as never;
export const DEFAULT_RUNTIME: unique symbol = Symbol.for(PRIVATE_KEYS.defaultRuntime) as never;
export const PREBUILT_BUNDLES: unique symbol = Symbol.for(PRIVATE_KEYS.prebuiltBundles) as never;
export const WEBHOOK_RESPONDERS: unique symbol = Symbol.for(
  PRIVATE_KEYS.webhookResponders,
) as never;
export const WEBHOOK_HELD_HEADERS: unique symbol = Symbol.for(
  PRIVATE_KEYS.webhookHeldHeaders,
) as never;
export const HOOK_DEFINITIONS: unique symbol = Symbol.for(PRIVATE_KEYS.hookDefinitions) as never;
export const STREAM_REF: unique symbol = Symbol.for(PRIVATE_KEYS.streamRef) as never;
export const FATAL_ERROR_MARKER: unique symbol = Symbol.for(PRIVATE_KEYS.fatalError) as never;
export const RETRYABLE_ERROR_MARKER: unique symbol = Symbol.for(
  PRIVATE_KEYS.retryableError,
) as never;
export const WORKFLOW_ERROR_MARKER: unique symbol = Symbol.for(PRIVATE_KEYS.workflowError) as never;
export const WORLD_ERROR_MARKER: unique symbol = Symbol.for(PRIVATE_KEYS.worldError) as never;
export const REQUEST_ERROR_MARKER: unique symbol = Symbol.for(PRIVATE_KEYS.requestError) as never;
export const SERIALIZATION_ERROR_MARKER: unique symbol = Symbol.for(
  PRIVATE_KEYS.serializationError,
) as never;
