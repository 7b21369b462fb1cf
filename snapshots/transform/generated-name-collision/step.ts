/**__internal_workflows{"workflows":{"src/generated-name-collision/input.ts":{"order":{"workflowId":"workflow//./src/generated-name-collision/input//order"}}},"steps":{"src/generated-name-collision/input.ts":{"order/notify":{"stepId":"step//./src/generated-name-collision/input//order/notify"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars$2, registerStepFunction as __wf_registerStepFunction$2 } from "workflow/internal/private";
const order$notify = "user value";
const __default = 1;
const __wf_registerStepFunction = "mine";
const __wf_getStepClosureVars = "mine too";
export async function order(id: string) { throw new Error("Workflow \"order\" was called directly. A workflow runs durably only when started: use start(order, [args]) from \"workflow/api\"."); }
order.workflowId = "workflow//./src/generated-name-collision/input//order";

var order$notify$2 = function (...args) { let { id } = __wf_getStepClosureVars$2(); return (async () => {
    return id + order$notify + __default + __wf_registerStepFunction + __wf_getStepClosureVars;
  }).apply(this, args); };
__wf_registerStepFunction$2("step//./src/generated-name-collision/input//order/notify", order$notify$2);