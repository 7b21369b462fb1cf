/**__internal_workflows{"workflows":{"src/dce-type-only-import/input.ts":{"checkoutFlow":{"workflowId":"workflow//./src/dce-type-only-import/input//checkoutFlow"}}},"steps":{"src/dce-type-only-import/input.ts":{"persist":{"stepId":"step//./src/dce-type-only-import/input//persist"}}}}*/
export var persist = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-type-only-import/input//persist");
import type { User } from "./types";
import type { Order } from "./orders";
import type { Receipt } from "./receipt";


export async function checkoutFlow(user: User, order: Order) {
  return persist(user, order);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-type-only-import/input//checkoutFlow", checkoutFlow);
