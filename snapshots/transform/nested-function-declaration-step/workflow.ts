/**__internal_workflows{"workflows":{"src/nested-function-declaration-step/input.ts":{"order":{"workflowId":"workflow//./src/nested-function-declaration-step/input//order"}}},"steps":{"src/nested-function-declaration-step/input.ts":{"order/notify":{"stepId":"step//./src/nested-function-declaration-step/input//order/notify"}}}}*/
export async function order(id: string) {
var notify = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-function-declaration-step/input//order/notify");
  await notify(id, "placed");
  
  return id;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-function-declaration-step/input//order", order);
