/**__internal_workflows{"steps":{"src/module-use-step-file/input.ts":{"cancelOrder":{"stepId":"step//./src/module-use-step-file/input//cancelOrder"},"createOrder":{"stepId":"step//./src/module-use-step-file/input//createOrder"},"refundOrder":{"stepId":"step//./src/module-use-step-file/input//refundOrder"}}}}*/
var refundOrder = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-use-step-file/input//refundOrder");
export var createOrder = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-use-step-file/input//createOrder");


export type OrderId = string;


export const cancelOrder = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-use-step-file/input//cancelOrder");



export { refundOrder };
