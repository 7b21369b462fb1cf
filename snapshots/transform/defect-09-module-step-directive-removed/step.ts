/**__internal_workflows{"steps":{"src/defect-09-module-step-directive-removed/input.ts":{"first":{"stepId":"step//./src/defect-09-module-step-directive-removed/input//first"},"second":{"stepId":"step//./src/defect-09-module-step-directive-removed/input//second"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";

export async function first() {
  return 1;
}

export async function second() {
  return 2;
}

__wf_registerStepFunction("step//./src/defect-09-module-step-directive-removed/input//first", first);
__wf_registerStepFunction("step//./src/defect-09-module-step-directive-removed/input//second", second);
