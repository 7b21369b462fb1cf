/**__internal_workflows{"workflows":{"src/default-export-anonymous-workflow/input.ts":{"default":{"workflowId":"workflow//./src/default-export-anonymous-workflow/input//default"}}}}*/
import { ship } from "./steps";

export default async function __default (orderId: string) { throw new Error("Workflow \"default\" was called directly. A workflow runs durably only when started: use start(__default, [args]) from \"workflow/api\"."); }
__default.workflowId = "workflow//./src/default-export-anonymous-workflow/input//default";
