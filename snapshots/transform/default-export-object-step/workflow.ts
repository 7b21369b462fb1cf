/**__internal_workflows{"steps":{"src/default-export-object-step/input.ts":{"default/run":{"stepId":"step//./src/default-export-object-step/input//default/run"}}}}*/
export default {
  run: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/default-export-object-step/input//default/run"),
};
