/**__internal_workflows{"workflows":{"src/nested-in-arrow-workflow/input.ts":{"signup":{"workflowId":"workflow//./src/nested-in-arrow-workflow/input//signup"}}},"steps":{"src/nested-in-arrow-workflow/input.ts":{"signup/validate":{"stepId":"step//./src/nested-in-arrow-workflow/input//signup/validate"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const signup = async (email: string) => { throw new Error("Workflow \"signup\" was called directly. A workflow runs durably only when started: use start(signup, [args]) from \"workflow/api\"."); };
signup.workflowId = "workflow//./src/nested-in-arrow-workflow/input//signup";

var signup$validate = function (...args) { let { email } = __wf_getStepClosureVars(); return (async () => {
    return email.includes("@");
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-in-arrow-workflow/input//signup/validate", signup$validate);