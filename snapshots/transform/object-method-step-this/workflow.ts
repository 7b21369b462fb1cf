/**__internal_workflows{"workflows":{"src/object-method-step-this/input.ts":{"flow":{"workflowId":"workflow//./src/object-method-step-this/input//flow"}}},"steps":{"src/object-method-step-this/input.ts":{"flow/obj/run":{"stepId":"step//./src/object-method-step-this/input//flow/obj/run"}}}}*/
export async function flow() {
  const obj = {
    name: "x",
    run: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-method-step-this/input//flow/obj/run"),
  };
  return obj.run();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/object-method-step-this/input//flow", flow);
