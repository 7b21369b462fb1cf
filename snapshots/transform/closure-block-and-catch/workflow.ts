/**__internal_workflows{"workflows":{"src/closure-block-and-catch/input.ts":{"flow":{"workflowId":"workflow//./src/closure-block-and-catch/input//flow"}}},"steps":{"src/closure-block-and-catch/input.ts":{"flow/report":{"stepId":"step//./src/closure-block-and-catch/input//flow/report"},"flow/show":{"stepId":"step//./src/closure-block-and-catch/input//flow/show"}}}}*/
export async function flow(items: string[]) {
  try {
    JSON.parse(items[0]!);
  } catch (err) {
    const report = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-block-and-catch/input//flow/report", () => ({ err }));
    return report();
  }
  if (items.length > 1) {
    const second = items[1];
    const show = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-block-and-catch/input//flow/show", () => ({ second }));
    return show();
  }
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-block-and-catch/input//flow", flow);
