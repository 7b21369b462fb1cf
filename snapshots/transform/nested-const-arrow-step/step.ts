/**__internal_workflows{"workflows":{"src/nested-const-arrow-step/input.ts":{"checkout":{"workflowId":"workflow//./src/nested-const-arrow-step/input//checkout"}}},"steps":{"src/nested-const-arrow-step/input.ts":{"checkout/reserve":{"stepId":"step//./src/nested-const-arrow-step/input//checkout/reserve"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function checkout(cartId: string) { throw new Error("Workflow \"checkout\" was called directly. A workflow runs durably only when started: use start(checkout, [args]) from \"workflow/api\"."); }
checkout.workflowId = "workflow//./src/nested-const-arrow-step/input//checkout";

var checkout$reserve = async (sku: string) => {
    return { sku, reserved: true };
  };
__wf_registerStepFunction("step//./src/nested-const-arrow-step/input//checkout/reserve", checkout$reserve);