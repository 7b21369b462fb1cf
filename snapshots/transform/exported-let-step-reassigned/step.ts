/**__internal_workflows{"steps":{"src/exported-let-step-reassigned/input.ts":{"handler":{"stepId":"step//./src/exported-let-step-reassigned/input//handler"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { wrap } from "./wrap";
export let handler = async (x: number) => {
  return x;
};
handler = wrap(handler);

__wf_registerStepFunction("step//./src/exported-let-step-reassigned/input//handler", handler);
