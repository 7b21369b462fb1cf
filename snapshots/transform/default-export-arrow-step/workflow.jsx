/**__internal_workflows{"steps":{"src/default-export-arrow-step/input.jsx":{"default":{"stepId":"step//./src/default-export-arrow-step/input//default"}}}}*/
export default globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/default-export-arrow-step/input//default");
