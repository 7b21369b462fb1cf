/**__internal_workflows{"workflows":{"src/closure-default-param/input.ts":{"flow":{"workflowId":"workflow//./src/closure-default-param/input//flow"}}},"steps":{"src/closure-default-param/input.ts":{"flow/page":{"stepId":"step//./src/closure-default-param/input//flow/page"}}}}*/
export async function flow(limit: number) {
  const page = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-default-param/input//flow/page", () => ({ limit }));
  return page();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-default-param/input//flow", flow);
