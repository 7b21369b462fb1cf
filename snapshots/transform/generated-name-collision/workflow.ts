/**__internal_workflows{"workflows":{"src/generated-name-collision/input.ts":{"order":{"workflowId":"workflow//./src/generated-name-collision/input//order"}}},"steps":{"src/generated-name-collision/input.ts":{"order/notify":{"stepId":"step//./src/generated-name-collision/input//order/notify"}}}}*/
export async function order(id: string) {
  const notify = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/generated-name-collision/input//order/notify", () => ({ id }));
  return notify();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/generated-name-collision/input//order", order);
