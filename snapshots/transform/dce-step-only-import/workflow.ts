/**__internal_workflows{"workflows":{"src/dce-step-only-import/input.ts":{"welcome":{"workflowId":"workflow//./src/dce-step-only-import/input//welcome"}}},"steps":{"src/dce-step-only-import/input.ts":{"notify":{"stepId":"step//./src/dce-step-only-import/input//notify"}}}}*/
export var notify = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-step-only-import/input//notify");
import { logWorkflowStart } from "./telemetry";


export async function welcome(to: string) {
  logWorkflowStart("welcome");
  await notify(to);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-step-only-import/input//welcome", welcome);
