/**__internal_workflows{"workflows":{"src/default-export-anonymous-workflow/input.ts":{"default":{"workflowId":"workflow//./src/default-export-anonymous-workflow/input//default"}}}}*/
import { ship } from "./steps";

export default async function __default (orderId: string) {
  return ship(orderId);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/default-export-anonymous-workflow/input//default", __default);
