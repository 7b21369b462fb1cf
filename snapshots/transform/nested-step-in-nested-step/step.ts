/**__internal_workflows{"workflows":{"src/nested-step-in-nested-step/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-in-nested-step/input//flow"}}},"steps":{"src/nested-step-in-nested-step/input.ts":{"flow/outer":{"stepId":"step//./src/nested-step-in-nested-step/input//flow/outer"},"flow/outer/inner":{"stepId":"step//./src/nested-step-in-nested-step/input//flow/outer/inner"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(a: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-step-in-nested-step/input//flow";

var flow$outer$inner = function (...args) { let { a, b } = __wf_getStepClosureVars(); return (async () => {
      return a + b;
    }).apply(this, args); };
var flow$outer = function (...args) { let { a } = __wf_getStepClosureVars(); return (async (b: number) => {
    const inner = async () => {
      return a + b;
    };
    return inner();
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-step-in-nested-step/input//flow/outer", flow$outer);
__wf_registerStepFunction("step//./src/nested-step-in-nested-step/input//flow/outer/inner", flow$outer$inner);