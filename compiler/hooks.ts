/**
 * The code the compiler emits to reach the runtime: the only names the compiler knows of it.
 * runtime/ defines the same names; `hooks.test.ts` checks that both sides agree.
 */
import { HOOK_KEYS } from "../protocol/symbols.js";

/** Module that step-mode output imports its hooks from. */
export const PRIVATE_MODULE = "workflow/internal/private";
export const REGISTER_STEP_EXPORT = "registerStepFunction";
export const CLOSURE_VARS_EXPORT = "getStepClosureVars";

/** Global symbol keys the workflow sandbox defines: written once, in protocol/symbols.ts. */
const USE_STEP_SYMBOL = HOOK_KEYS.useStep;
const REGISTER_WORKFLOW_SYMBOL = HOOK_KEYS.registerWorkflow;
const CLASS_REGISTRY_SYMBOL = HOOK_KEYS.classRegistry;

const str = JSON.stringify;

/** `globalThis[Symbol.for("WORKFLOW_USE_STEP")]("id", () => ({ a, b }))`, bound to `this` if asked. */
export function stepProxy(id: string, captures: string[], bindThis: boolean): string {
  const closure = captures.length ? `, () => ({ ${captures.join(", ")} })` : "";
  return `globalThis[Symbol.for(${str(USE_STEP_SYMBOL)})](${str(id)}${closure})${bindThis ? ".bind(this)" : ""}`;
}

export function registerWorkflow(id: string, fn: string): string {
  return `globalThis[Symbol.for(${str(REGISTER_WORKFLOW_SYMBOL)})](${str(id)}, ${fn})`;
}

export function registerStep(local: string, id: string, fn: string): string {
  return `${local}(${str(id)}, ${fn})`;
}

export function registerClass(id: string, cls: string): string {
  return (
    `Object.defineProperty(${cls}, "classId", { value: ${str(id)}, writable: false, enumerable: false, configurable: false });\n` +
    `(globalThis[Symbol.for(${str(CLASS_REGISTRY_SYMBOL)})] ??= new Map()).set(${str(id)}, ${cls});`
  );
}

/** The body of a workflow outside the workflow bundle. */
export function directCallGuard(name: string, reference: string): string {
  const message =
    `Workflow "${name}" was called directly. A workflow runs durably only when started: ` +
    `use start(${reference}, [args]) from "workflow/api".`;
  return `throw new Error(${str(message)});`;
}
