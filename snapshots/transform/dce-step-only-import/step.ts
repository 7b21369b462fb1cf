/**__internal_workflows{"workflows":{"src/dce-step-only-import/input.ts":{"welcome":{"workflowId":"workflow//./src/dce-step-only-import/input//welcome"}}},"steps":{"src/dce-step-only-import/input.ts":{"notify":{"stepId":"step//./src/dce-step-only-import/input//notify"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { sendEmail } from "./mailer";
import { logWorkflowStart } from "./telemetry";

export async function notify(to: string) {
  await sendEmail(to, "hello");
}

export async function welcome(to: string) { throw new Error("Workflow \"welcome\" was called directly. A workflow runs durably only when started: use start(welcome, [args]) from \"workflow/api\"."); }
welcome.workflowId = "workflow//./src/dce-step-only-import/input//welcome";

__wf_registerStepFunction("step//./src/dce-step-only-import/input//notify", notify);
