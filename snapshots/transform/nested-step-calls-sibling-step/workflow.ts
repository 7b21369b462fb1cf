/**__internal_workflows{"workflows":{"src/nested-step-calls-sibling-step/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-calls-sibling-step/input//flow"}}},"steps":{"src/nested-step-calls-sibling-step/input.ts":{"flow/double":{"stepId":"step//./src/nested-step-calls-sibling-step/input//flow/double"},"flow/quadruple":{"stepId":"step//./src/nested-step-calls-sibling-step/input//flow/quadruple"}}}}*/
export async function flow(x: number) {
  const double = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-step-calls-sibling-step/input//flow/double");
  const quadruple = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-step-calls-sibling-step/input//flow/quadruple", () => ({ double }));
  return quadruple(x);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-step-calls-sibling-step/input//flow", flow);
