/**__internal_workflows{"steps":{"src/defect-08-object-step-single-copy/input.ts":{"tools/lookup/execute":{"stepId":"step//./src/defect-08-object-step-single-copy/input//tools/lookup/execute"}}}}*/
export const tools = {
  lookup: {
    description: "Look a term up",
    execute: Object.assign(async function (term: string) {
      return term.toUpperCase();
    }, { stepId: "step//./src/defect-08-object-step-single-copy/input//tools/lookup/execute" }),
  },
};
