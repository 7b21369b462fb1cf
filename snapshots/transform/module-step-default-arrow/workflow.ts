/**__internal_workflows{"steps":{"src/module-step-default-arrow/input.ts":{"default":{"stepId":"step//./src/module-step-default-arrow/input//default"}}}}*/
export default globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-step-default-arrow/input//default");
