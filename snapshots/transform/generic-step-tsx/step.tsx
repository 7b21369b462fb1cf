/**__internal_workflows{"workflows":{"src/generic-step-tsx/input.tsx":{"wrap":{"workflowId":"workflow//./src/generic-step-tsx/input//wrap"}}},"steps":{"src/generic-step-tsx/input.tsx":{"identity":{"stepId":"step//./src/generic-step-tsx/input//identity"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const identity = async <T,>(value: T): Promise<T> => {
  return value;
};
export async function wrap<T>(value: T) { throw new Error("Workflow \"wrap\" was called directly. A workflow runs durably only when started: use start(wrap, [args]) from \"workflow/api\"."); }
wrap.workflowId = "workflow//./src/generic-step-tsx/input//wrap";

__wf_registerStepFunction("step//./src/generic-step-tsx/input//identity", identity);
