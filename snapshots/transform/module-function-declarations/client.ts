/**__internal_workflows{"workflows":{"src/module-function-declarations/input.ts":{"onboarding":{"workflowId":"workflow//./src/module-function-declarations/input//onboarding"}}},"steps":{"src/module-function-declarations/input.ts":{"createUser":{"stepId":"step//./src/module-function-declarations/input//createUser"},"sendWelcome":{"stepId":"step//./src/module-function-declarations/input//sendWelcome"}}}}*/
import { sendEmail } from "./mailer";

export async function createUser(email: string): Promise<{ id: string; email: string }> {
  return { id: crypto.randomUUID(), email };
}
createUser.stepId = "step//./src/module-function-declarations/input//createUser";

async function sendWelcome(user: { email: string }) {
  // comments before the directive are fine
  await sendEmail(user.email, "Welcome!");
}
sendWelcome.stepId = "step//./src/module-function-declarations/input//sendWelcome";

export async function onboarding(email: string) { throw new Error("Workflow \"onboarding\" was called directly. A workflow runs durably only when started: use start(onboarding, [args]) from \"workflow/api\"."); }
onboarding.workflowId = "workflow//./src/module-function-declarations/input//onboarding";
