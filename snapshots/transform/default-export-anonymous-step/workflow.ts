/**__internal_workflows{"steps":{"src/default-export-anonymous-step/input.ts":{"default":{"stepId":"step//./src/default-export-anonymous-step/input//default"}}}}*/
var __default = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/default-export-anonymous-step/input//default");
export { __default as default };
