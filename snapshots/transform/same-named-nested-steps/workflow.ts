/**__internal_workflows{"workflows":{"src/same-named-nested-steps/input.ts":{"importOrders":{"workflowId":"workflow//./src/same-named-nested-steps/input//importOrders"},"importUsers":{"workflowId":"workflow//./src/same-named-nested-steps/input//importUsers"}}},"steps":{"src/same-named-nested-steps/input.ts":{"importOrders/save":{"stepId":"step//./src/same-named-nested-steps/input//importOrders/save"},"importUsers/save":{"stepId":"step//./src/same-named-nested-steps/input//importUsers/save"},"save":{"stepId":"step//./src/same-named-nested-steps/input//save"}}}}*/
export var save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/same-named-nested-steps/input//save");

export async function importUsers(users: string[]) {
var save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/same-named-nested-steps/input//importUsers/save");
  
  for (const u of users) await save(u);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/same-named-nested-steps/input//importUsers", importUsers);

export async function importOrders(orders: number[]) {
  const save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/same-named-nested-steps/input//importOrders/save");
  for (const o of orders) await save(o);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/same-named-nested-steps/input//importOrders", importOrders);
