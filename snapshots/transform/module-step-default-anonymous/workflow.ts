/**__internal_workflows{"steps":{"src/module-step-default-anonymous/input.ts":{"default":{"stepId":"step//./src/module-step-default-anonymous/input//default"}}}}*/
var __default = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-step-default-anonymous/input//default");
export { __default as default };
