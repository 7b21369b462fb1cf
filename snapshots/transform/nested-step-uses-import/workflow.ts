/**__internal_workflows{"workflows":{"src/nested-step-uses-import/input.ts":{"onboard":{"workflowId":"workflow//./src/nested-step-uses-import/input//onboard"}}},"steps":{"src/nested-step-uses-import/input.ts":{"onboard/notify":{"stepId":"step//./src/nested-step-uses-import/input//onboard/notify"}}}}*/
import { audit } from "./audit";
export async function onboard(email: string) {
  audit("start");
  const notify = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-step-uses-import/input//onboard/notify", () => ({ email }));
  await notify();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-step-uses-import/input//onboard", onboard);
