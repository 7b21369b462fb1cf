/**__internal_workflows{"workflows":{"src/nested-in-arrow-workflow/input.ts":{"signup":{"workflowId":"workflow//./src/nested-in-arrow-workflow/input//signup"}}},"steps":{"src/nested-in-arrow-workflow/input.ts":{"signup/validate":{"stepId":"step//./src/nested-in-arrow-workflow/input//signup/validate"}}}}*/
export const signup = async (email: string) => { throw new Error("Workflow \"signup\" was called directly. A workflow runs durably only when started: use start(signup, [args]) from \"workflow/api\"."); };
signup.workflowId = "workflow//./src/nested-in-arrow-workflow/input//signup";
