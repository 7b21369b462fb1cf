/**__internal_workflows{"workflows":{"src/defect-04-nested-function-expression/input.ts":{"flow":{"workflowId":"workflow//./src/defect-04-nested-function-expression/input//flow"}}},"steps":{"src/defect-04-nested-function-expression/input.ts":{"flow/inner":{"stepId":"step//./src/defect-04-nested-function-expression/input//flow/inner"},"flow/named":{"stepId":"step//./src/defect-04-nested-function-expression/input//flow/named"}}}}*/
export async function flow(a: number) {
  const inner = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-04-nested-function-expression/input//flow/inner", () => ({ a }));
  const named = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-04-nested-function-expression/input//flow/named", () => ({ a }));
  return (await inner(1)) + (await named());
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-04-nested-function-expression/input//flow", flow);
