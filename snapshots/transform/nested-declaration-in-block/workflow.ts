/**__internal_workflows{"workflows":{"src/nested-declaration-in-block/input.ts":{"flow":{"workflowId":"workflow//./src/nested-declaration-in-block/input//flow"}}},"steps":{"src/nested-declaration-in-block/input.ts":{"flow/inner":{"stepId":"step//./src/nested-declaration-in-block/input//flow/inner"}}}}*/
export async function flow(flag: boolean) {
  if (flag) {
var inner = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-declaration-in-block/input//flow/inner", () => ({ flag }));
    return inner();
    
  }
  return null;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-declaration-in-block/input//flow", flow);
