/**__internal_workflows{"workflows":{"src/closure-default-param/input.ts":{"flow":{"workflowId":"workflow//./src/closure-default-param/input//flow"}}},"steps":{"src/closure-default-param/input.ts":{"flow/page":{"stepId":"step//./src/closure-default-param/input//flow/page"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(limit: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/closure-default-param/input//flow";

var flow$page = function (...args) { let { limit } = __wf_getStepClosureVars(); return (async (size = limit) => {
    return size;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-default-param/input//flow/page", flow$page);