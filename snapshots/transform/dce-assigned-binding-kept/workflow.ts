/**__internal_workflows{"workflows":{"src/dce-assigned-binding-kept/input.ts":{"run":{"workflowId":"workflow//./src/dce-assigned-binding-kept/input//run"}}}}*/
import { loadConfig } from "./config";

let calls = 0;
const config = loadConfig();

export function reset() {
  calls = 0;
}

export async function run() {
  calls++;
  return config.name + calls;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-assigned-binding-kept/input//run", run);
