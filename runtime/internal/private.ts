/**
 * What compiled step bundles import (`workflow/internal/private`). The compiler emits calls to
 * these names (compiler/hooks.ts); `compiler/hooks.test.ts` checks that both sides agree.
 */
import { STEP_REGISTRY } from "../../protocol/symbols.js";
import { getStepContext } from "../workflow/step-context.js";
import type { StepFunctionOptions } from "../workflow/step-options.js";

/** A step function as registered: any function, stamped with its ID. */
export type StepFunction = ((...args: unknown[]) => unknown) & {
  stepId?: string;
} & StepFunctionOptions;

// On globalThis so that every copy of this module in a process (bundles inline their own)
// shares one registry.

type Global = typeof globalThis & {
  [STEP_REGISTRY]?: Map<string, StepFunction>;
};
const global = globalThis as Global;

function getRegistry(): Map<string, StepFunction> {
  return (global[STEP_REGISTRY] ??= new Map());
}

/** Registers a step under its ID, stamps `stepId` on it, and returns it (so it can wrap in place). */
export function registerStepFunction<F extends StepFunction>(stepId: string, fn: F): F {
  Object.defineProperty(fn, "stepId", { value: stepId, configurable: true, enumerable: false });
  getRegistry().set(stepId, fn);
  return fn;
}

/** The step registered under `stepId`, if its module has been loaded. */
export function getStepFunction(stepId: string): StepFunction | undefined {
  return getRegistry().get(stepId);
}

/** The IDs of every registered step, for "step not found" messages. */
export function getRegisteredStepIds(): string[] {
  return [...getRegistry().keys()];
}

/**
 * The variables a nested step captured from the function around it, as passed by the workflow
 * for the call being executed. Empty when the step runs outside such a call.
 */
export function getStepClosureVars(): Record<string, unknown> {
  return getStepContext()?.closureVars ?? {};
}
