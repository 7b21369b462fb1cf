/**__internal_workflows{"steps":{"src/module-step-export-alias/input.ts":{"refund":{"stepId":"step//./src/module-step-export-alias/input//refund"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
async function refund(id: string) {
  return id;
}
export { refund as refundOrder, refund as default };

__wf_registerStepFunction("step//./src/module-step-export-alias/input//refund", refund);
