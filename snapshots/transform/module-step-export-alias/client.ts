/**__internal_workflows{"steps":{"src/module-step-export-alias/input.ts":{"refund":{"stepId":"step//./src/module-step-export-alias/input//refund"}}}}*/
async function refund(id: string) {
  return id;
}
refund.stepId = "step//./src/module-step-export-alias/input//refund";
export { refund as refundOrder, refund as default };
