/**__internal_workflows{"workflows":{"src/dce-step-only-import/input.ts":{"welcome":{"workflowId":"workflow//./src/dce-step-only-import/input//welcome"}}},"steps":{"src/dce-step-only-import/input.ts":{"notify":{"stepId":"step//./src/dce-step-only-import/input//notify"}}}}*/
import { sendEmail } from "./mailer";

export async function notify(to: string) {
  await sendEmail(to, "hello");
}
notify.stepId = "step//./src/dce-step-only-import/input//notify";

export async function welcome(to: string) { throw new Error("Workflow \"welcome\" was called directly. A workflow runs durably only when started: use start(welcome, [args]) from \"workflow/api\"."); }
welcome.workflowId = "workflow//./src/dce-step-only-import/input//welcome";
