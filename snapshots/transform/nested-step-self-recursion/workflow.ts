/**__internal_workflows{"workflows":{"src/nested-step-self-recursion/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-self-recursion/input//flow"}}},"steps":{"src/nested-step-self-recursion/input.ts":{"flow/countdown":{"stepId":"step//./src/nested-step-self-recursion/input//flow/countdown"}}}}*/
export async function flow(n: number) {
var countdown = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-step-self-recursion/input//flow/countdown");
  
  return countdown(n);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-step-self-recursion/input//flow", flow);
