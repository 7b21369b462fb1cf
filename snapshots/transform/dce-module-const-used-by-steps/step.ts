/**__internal_workflows{"workflows":{"src/dce-module-const-used-by-steps/input.ts":{"profile":{"workflowId":"workflow//./src/dce-module-const-used-by-steps/input//profile"}}},"steps":{"src/dce-module-const-used-by-steps/input.ts":{"loadUser":{"stepId":"step//./src/dce-module-const-used-by-steps/input//loadUser"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { createDb } from "./db";

const db = createDb(process.env.DATABASE_URL);

export async function loadUser(id: string) {
  return db.users.find(id);
}

export async function profile(id: string) { throw new Error("Workflow \"profile\" was called directly. A workflow runs durably only when started: use start(profile, [args]) from \"workflow/api\"."); }
profile.workflowId = "workflow//./src/dce-module-const-used-by-steps/input//profile";

__wf_registerStepFunction("step//./src/dce-module-const-used-by-steps/input//loadUser", loadUser);
