/**__internal_workflows{"steps":{"src/defect-07-anonymous-default-step-binding/input.js":{"default":{"stepId":"step//./src/defect-07-anonymous-default-step-binding/input//default"}}}}*/
var __default = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-07-anonymous-default-step-binding/input//default");
export { __default as default };
