/**__internal_workflows{"workflows":{"src/nested-two-deep/input.ts":{"flow":{"workflowId":"workflow//./src/nested-two-deep/input//flow"}}},"steps":{"src/nested-two-deep/input.ts":{"flow/cb/deeper":{"stepId":"step//./src/nested-two-deep/input//flow/cb/deeper"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(userIds: string[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-two-deep/input//flow";

var flow$cb$deeper = function (...args) { let { id } = __wf_getStepClosureVars(); return (async () => {
      return `user:${id}`;
    }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-two-deep/input//flow/cb/deeper", flow$cb$deeper);