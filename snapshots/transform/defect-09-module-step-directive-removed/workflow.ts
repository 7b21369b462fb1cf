/**__internal_workflows{"steps":{"src/defect-09-module-step-directive-removed/input.ts":{"first":{"stepId":"step//./src/defect-09-module-step-directive-removed/input//first"},"second":{"stepId":"step//./src/defect-09-module-step-directive-removed/input//second"}}}}*/
export var second = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-09-module-step-directive-removed/input//second");
export var first = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-09-module-step-directive-removed/input//first");


