/**__internal_workflows{"workflows":{"src/default-export-named-workflow/input.ts":{"checkout":{"workflowId":"workflow//./src/default-export-named-workflow/input//checkout"}}}}*/
import { chargeCard } from "./steps";

export default async function checkout(cardId: string, amount: number) {
  return chargeCard(cardId, amount);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/default-export-named-workflow/input//checkout", checkout);
