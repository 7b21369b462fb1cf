/**__internal_workflows{"workflows":{"src/defect-01-nested-declaration-keeps-name/input.ts":{"onboarding":{"workflowId":"workflow//./src/defect-01-nested-declaration-keeps-name/input//onboarding"}}},"steps":{"src/defect-01-nested-declaration-keeps-name/input.ts":{"onboarding/notify":{"stepId":"step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/notify"},"onboarding/work":{"stepId":"step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/work"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function onboarding(userId: string) { throw new Error("Workflow \"onboarding\" was called directly. A workflow runs durably only when started: use start(onboarding, [args]) from \"workflow/api\"."); }
onboarding.workflowId = "workflow//./src/defect-01-nested-declaration-keeps-name/input//onboarding";

var onboarding$work = async function work() {
    return 42;
  };
var onboarding$notify = async function notify(id: string, stage: string) {
    return `${id}:${stage}`;
  };
__wf_registerStepFunction("step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/notify", onboarding$notify);
__wf_registerStepFunction("step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/work", onboarding$work);