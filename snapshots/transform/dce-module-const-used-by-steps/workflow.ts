/**__internal_workflows{"workflows":{"src/dce-module-const-used-by-steps/input.ts":{"profile":{"workflowId":"workflow//./src/dce-module-const-used-by-steps/input//profile"}}},"steps":{"src/dce-module-const-used-by-steps/input.ts":{"loadUser":{"stepId":"step//./src/dce-module-const-used-by-steps/input//loadUser"}}}}*/
export var loadUser = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-module-const-used-by-steps/input//loadUser");



export async function profile(id: string) {
  return loadUser(id);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-module-const-used-by-steps/input//profile", profile);
