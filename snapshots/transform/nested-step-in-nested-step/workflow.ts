/**__internal_workflows{"workflows":{"src/nested-step-in-nested-step/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-in-nested-step/input//flow"}}},"steps":{"src/nested-step-in-nested-step/input.ts":{"flow/outer":{"stepId":"step//./src/nested-step-in-nested-step/input//flow/outer"},"flow/outer/inner":{"stepId":"step//./src/nested-step-in-nested-step/input//flow/outer/inner"}}}}*/
export async function flow(a: number) {
  const outer = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-step-in-nested-step/input//flow/outer", () => ({ a }));
  return outer(1);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-step-in-nested-step/input//flow", flow);
