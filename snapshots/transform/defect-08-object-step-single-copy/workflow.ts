/**__internal_workflows{"steps":{"src/defect-08-object-step-single-copy/input.ts":{"tools/lookup/execute":{"stepId":"step//./src/defect-08-object-step-single-copy/input//tools/lookup/execute"}}}}*/
export const tools = {
  lookup: {
    description: "Look a term up",
    execute: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-08-object-step-single-copy/input//tools/lookup/execute"),
  },
};
