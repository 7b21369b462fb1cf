/**__internal_workflows{"workflows":{"src/generic-step-tsx/input.tsx":{"wrap":{"workflowId":"workflow//./src/generic-step-tsx/input//wrap"}}},"steps":{"src/generic-step-tsx/input.tsx":{"identity":{"stepId":"step//./src/generic-step-tsx/input//identity"}}}}*/
export const identity = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/generic-step-tsx/input//identity");
export async function wrap<T>(value: T) {
  return identity(value);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/generic-step-tsx/input//wrap", wrap);
