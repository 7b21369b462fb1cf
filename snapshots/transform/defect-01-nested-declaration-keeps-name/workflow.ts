/**__internal_workflows{"workflows":{"src/defect-01-nested-declaration-keeps-name/input.ts":{"onboarding":{"workflowId":"workflow//./src/defect-01-nested-declaration-keeps-name/input//onboarding"}}},"steps":{"src/defect-01-nested-declaration-keeps-name/input.ts":{"onboarding/notify":{"stepId":"step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/notify"},"onboarding/work":{"stepId":"step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/work"}}}}*/
export async function onboarding(userId: string) {
var work = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/work");
var notify = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-01-nested-declaration-keeps-name/input//onboarding/notify");
  await notify(userId, "start");
  const result = await work();
  await notify(userId, "done");
  return result;

  

  
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-01-nested-declaration-keeps-name/input//onboarding", onboarding);
