/**__internal_workflows{"workflows":{"src/nested-const-arrow-step/input.ts":{"checkout":{"workflowId":"workflow//./src/nested-const-arrow-step/input//checkout"}}},"steps":{"src/nested-const-arrow-step/input.ts":{"checkout/reserve":{"stepId":"step//./src/nested-const-arrow-step/input//checkout/reserve"}}}}*/
export async function checkout(cartId: string) {
  const reserve = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-const-arrow-step/input//checkout/reserve");
  return reserve(cartId);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-const-arrow-step/input//checkout", checkout);
