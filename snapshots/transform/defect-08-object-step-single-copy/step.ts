/**__internal_workflows{"steps":{"src/defect-08-object-step-single-copy/input.ts":{"tools/lookup/execute":{"stepId":"step//./src/defect-08-object-step-single-copy/input//tools/lookup/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const tools = {
  lookup: {
    description: "Look a term up",
    execute: __wf_registerStepFunction("step//./src/defect-08-object-step-single-copy/input//tools/lookup/execute", async function (term: string) {
      return term.toUpperCase();
    }),
  },
};
