/**__internal_workflows{"steps":{"src/step-nested-in-step/input.mjs":{"outer":{"stepId":"step//./src/step-nested-in-step/input//outer"},"outer/inner":{"stepId":"step//./src/step-nested-in-step/input//outer/inner"}}}}*/
export var outer = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/step-nested-in-step/input//outer");
