/**__internal_workflows{"workflows":{"src/module-function-declarations/input.ts":{"onboarding":{"workflowId":"workflow//./src/module-function-declarations/input//onboarding"}}},"steps":{"src/module-function-declarations/input.ts":{"createUser":{"stepId":"step//./src/module-function-declarations/input//createUser"},"sendWelcome":{"stepId":"step//./src/module-function-declarations/input//sendWelcome"}}}}*/
var sendWelcome = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-function-declarations/input//sendWelcome");
export var createUser = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-function-declarations/input//createUser");



export async function onboarding(email: string) {
  const user = await createUser(email);
  await sendWelcome(user);
  return user.id;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/module-function-declarations/input//onboarding", onboarding);
