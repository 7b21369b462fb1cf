/**__internal_workflows{"workflows":{"src/nested-declaration-in-block/input.ts":{"flow":{"workflowId":"workflow//./src/nested-declaration-in-block/input//flow"}}},"steps":{"src/nested-declaration-in-block/input.ts":{"flow/inner":{"stepId":"step//./src/nested-declaration-in-block/input//flow/inner"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(flag: boolean) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-declaration-in-block/input//flow";

var flow$inner = function (...args) { let { flag } = __wf_getStepClosureVars(); return (async function inner() {
      return flag;
    }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-declaration-in-block/input//flow/inner", flow$inner);