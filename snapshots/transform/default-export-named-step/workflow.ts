/**__internal_workflows{"steps":{"src/default-export-named-step/input.ts":{"charge":{"stepId":"step//./src/default-export-named-step/input//charge"}}}}*/
var charge = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/default-export-named-step/input//charge");
export { charge as default };
type Charge = { amount: number; currency?: string };

