/**__internal_workflows{"workflows":{"src/nested-in-arrow-workflow/input.ts":{"signup":{"workflowId":"workflow//./src/nested-in-arrow-workflow/input//signup"}}},"steps":{"src/nested-in-arrow-workflow/input.ts":{"signup/validate":{"stepId":"step//./src/nested-in-arrow-workflow/input//signup/validate"}}}}*/
export const signup = async (email: string) => {
  const validate = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-in-arrow-workflow/input//signup/validate", () => ({ email }));
  return validate();
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-in-arrow-workflow/input//signup", signup);
