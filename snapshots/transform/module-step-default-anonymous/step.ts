/**__internal_workflows{"steps":{"src/module-step-default-anonymous/input.ts":{"default":{"stepId":"step//./src/module-step-default-anonymous/input//default"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default async function __default (x: number) {
  return x;
}

__wf_registerStepFunction("step//./src/module-step-default-anonymous/input//default", __default);
