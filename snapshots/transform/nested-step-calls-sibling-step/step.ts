/**__internal_workflows{"workflows":{"src/nested-step-calls-sibling-step/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-calls-sibling-step/input//flow"}}},"steps":{"src/nested-step-calls-sibling-step/input.ts":{"flow/double":{"stepId":"step//./src/nested-step-calls-sibling-step/input//flow/double"},"flow/quadruple":{"stepId":"step//./src/nested-step-calls-sibling-step/input//flow/quadruple"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(x: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-step-calls-sibling-step/input//flow";

var flow$quadruple = function (...args) { let { double } = __wf_getStepClosureVars(); return (async (n: number) => {
    return double(await double(n));
  }).apply(this, args); };
var flow$double = async (n: number) => {
    return n * 2;
  };
__wf_registerStepFunction("step//./src/nested-step-calls-sibling-step/input//flow/double", flow$double);
__wf_registerStepFunction("step//./src/nested-step-calls-sibling-step/input//flow/quadruple", flow$quadruple);