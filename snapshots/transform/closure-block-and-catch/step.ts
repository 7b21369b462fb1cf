/**__internal_workflows{"workflows":{"src/closure-block-and-catch/input.ts":{"flow":{"workflowId":"workflow//./src/closure-block-and-catch/input//flow"}}},"steps":{"src/closure-block-and-catch/input.ts":{"flow/report":{"stepId":"step//./src/closure-block-and-catch/input//flow/report"},"flow/show":{"stepId":"step//./src/closure-block-and-catch/input//flow/show"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(items: string[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/closure-block-and-catch/input//flow";

var flow$show = function (...args) { let { second } = __wf_getStepClosureVars(); return (async () => {
      return second;
    }).apply(this, args); };
var flow$report = function (...args) { let { err } = __wf_getStepClosureVars(); return (async () => {
      return String(err);
    }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-block-and-catch/input//flow/report", flow$report);
__wf_registerStepFunction("step//./src/closure-block-and-catch/input//flow/show", flow$show);