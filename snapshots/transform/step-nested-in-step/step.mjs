/**__internal_workflows{"steps":{"src/step-nested-in-step/input.mjs":{"outer":{"stepId":"step//./src/step-nested-in-step/input//outer"},"outer/inner":{"stepId":"step//./src/step-nested-in-step/input//outer/inner"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function outer(n) {
  const inner = async () => {
    return n + 1;
  };
  return inner();
}

var outer$inner = function (...args) { let { n } = __wf_getStepClosureVars(); return (async () => {
    return n + 1;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/step-nested-in-step/input//outer", outer);
__wf_registerStepFunction("step//./src/step-nested-in-step/input//outer/inner", outer$inner);