/**__internal_workflows{"workflows":{"src/dce-type-only-import/input.ts":{"checkoutFlow":{"workflowId":"workflow//./src/dce-type-only-import/input//checkoutFlow"}}},"steps":{"src/dce-type-only-import/input.ts":{"persist":{"stepId":"step//./src/dce-type-only-import/input//persist"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import type { User } from "./types";
import { type Order, saveOrder } from "./orders";
import type { Receipt } from "./receipt";

export async function persist(user: User, order: Order) {
  const receipt: Receipt = await saveOrder(order);
  return `${user.id}:${receipt.id}`;
}

export async function checkoutFlow(user: User, order: Order) { throw new Error("Workflow \"checkoutFlow\" was called directly. A workflow runs durably only when started: use start(checkoutFlow, [args]) from \"workflow/api\"."); }
checkoutFlow.workflowId = "workflow//./src/dce-type-only-import/input//checkoutFlow";

__wf_registerStepFunction("step//./src/dce-type-only-import/input//persist", persist);
