/**__internal_workflows{"workflows":{"src/same-named-nested-steps/input.ts":{"importOrders":{"workflowId":"workflow//./src/same-named-nested-steps/input//importOrders"},"importUsers":{"workflowId":"workflow//./src/same-named-nested-steps/input//importUsers"}}},"steps":{"src/same-named-nested-steps/input.ts":{"importOrders/save":{"stepId":"step//./src/same-named-nested-steps/input//importOrders/save"},"importUsers/save":{"stepId":"step//./src/same-named-nested-steps/input//importUsers/save"},"save":{"stepId":"step//./src/same-named-nested-steps/input//save"}}}}*/
export async function save(record: unknown) {
  return record;
}
save.stepId = "step//./src/same-named-nested-steps/input//save";

export async function importUsers(users: string[]) { throw new Error("Workflow \"importUsers\" was called directly. A workflow runs durably only when started: use start(importUsers, [args]) from \"workflow/api\"."); }
importUsers.workflowId = "workflow//./src/same-named-nested-steps/input//importUsers";

export async function importOrders(orders: number[]) { throw new Error("Workflow \"importOrders\" was called directly. A workflow runs durably only when started: use start(importOrders, [args]) from \"workflow/api\"."); }
importOrders.workflowId = "workflow//./src/same-named-nested-steps/input//importOrders";
