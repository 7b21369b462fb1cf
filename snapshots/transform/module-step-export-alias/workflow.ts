/**__internal_workflows{"steps":{"src/module-step-export-alias/input.ts":{"refund":{"stepId":"step//./src/module-step-export-alias/input//refund"}}}}*/
var refund = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-step-export-alias/input//refund");
export { refund as refundOrder, refund as default };
