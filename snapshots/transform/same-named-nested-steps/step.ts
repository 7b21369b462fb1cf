/**__internal_workflows{"workflows":{"src/same-named-nested-steps/input.ts":{"importOrders":{"workflowId":"workflow//./src/same-named-nested-steps/input//importOrders"},"importUsers":{"workflowId":"workflow//./src/same-named-nested-steps/input//importUsers"}}},"steps":{"src/same-named-nested-steps/input.ts":{"importOrders/save":{"stepId":"step//./src/same-named-nested-steps/input//importOrders/save"},"importUsers/save":{"stepId":"step//./src/same-named-nested-steps/input//importUsers/save"},"save":{"stepId":"step//./src/same-named-nested-steps/input//save"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function save(record: unknown) {
  return record;
}

export async function importUsers(users: string[]) { throw new Error("Workflow \"importUsers\" was called directly. A workflow runs durably only when started: use start(importUsers, [args]) from \"workflow/api\"."); }
importUsers.workflowId = "workflow//./src/same-named-nested-steps/input//importUsers";

export async function importOrders(orders: number[]) { throw new Error("Workflow \"importOrders\" was called directly. A workflow runs durably only when started: use start(importOrders, [args]) from \"workflow/api\"."); }
importOrders.workflowId = "workflow//./src/same-named-nested-steps/input//importOrders";

var importOrders$save = async (order: number) => {
    return `order:${order}`;
  };
var importUsers$save = async function save(user: string) {
    return `user:${user}`;
  };
__wf_registerStepFunction("step//./src/same-named-nested-steps/input//save", save);
__wf_registerStepFunction("step//./src/same-named-nested-steps/input//importUsers/save", importUsers$save);
__wf_registerStepFunction("step//./src/same-named-nested-steps/input//importOrders/save", importOrders$save);