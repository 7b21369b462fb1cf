/**__internal_workflows{"workflows":{"src/defect-04-nested-function-expression/input.ts":{"flow":{"workflowId":"workflow//./src/defect-04-nested-function-expression/input//flow"}}},"steps":{"src/defect-04-nested-function-expression/input.ts":{"flow/inner":{"stepId":"step//./src/defect-04-nested-function-expression/input//flow/inner"},"flow/named":{"stepId":"step//./src/defect-04-nested-function-expression/input//flow/named"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(a: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/defect-04-nested-function-expression/input//flow";

var flow$named = function (...args) { let { a } = __wf_getStepClosureVars(); return (async function namedInner() {
    return a * 2;
  }).apply(this, args); };
var flow$inner = function (...args) { let { a } = __wf_getStepClosureVars(); return (async function (b: number) {
    return a + b;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/defect-04-nested-function-expression/input//flow/inner", flow$inner);
__wf_registerStepFunction("step//./src/defect-04-nested-function-expression/input//flow/named", flow$named);