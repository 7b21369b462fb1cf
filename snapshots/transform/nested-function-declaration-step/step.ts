/**__internal_workflows{"workflows":{"src/nested-function-declaration-step/input.ts":{"order":{"workflowId":"workflow//./src/nested-function-declaration-step/input//order"}}},"steps":{"src/nested-function-declaration-step/input.ts":{"order/notify":{"stepId":"step//./src/nested-function-declaration-step/input//order/notify"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function order(id: string) { throw new Error("Workflow \"order\" was called directly. A workflow runs durably only when started: use start(order, [args]) from \"workflow/api\"."); }
order.workflowId = "workflow//./src/nested-function-declaration-step/input//order";

var order$notify = async function notify(orderId: string, status: string) {
    await fetch(`https://hooks.example.com/${orderId}`, { method: "POST", body: status });
  };
__wf_registerStepFunction("step//./src/nested-function-declaration-step/input//order/notify", order$notify);