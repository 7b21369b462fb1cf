/**__internal_workflows{"workflows":{"src/nested-step-uses-import/input.ts":{"onboard":{"workflowId":"workflow//./src/nested-step-uses-import/input//onboard"}}},"steps":{"src/nested-step-uses-import/input.ts":{"onboard/notify":{"stepId":"step//./src/nested-step-uses-import/input//onboard/notify"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { sendEmail } from "./mailer";
import { audit } from "./audit";
export async function onboard(email: string) { throw new Error("Workflow \"onboard\" was called directly. A workflow runs durably only when started: use start(onboard, [args]) from \"workflow/api\"."); }
onboard.workflowId = "workflow//./src/nested-step-uses-import/input//onboard";

var onboard$notify = function (...args) { let { email } = __wf_getStepClosureVars(); return (async () => {
    await sendEmail(email);
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-step-uses-import/input//onboard/notify", onboard$notify);