/**__internal_workflows{"workflows":{"src/module-use-workflow-file/input.mjs":{"legacy":{"workflowId":"workflow//./src/module-use-workflow-file/input//legacy"},"purchase":{"workflowId":"workflow//./src/module-use-workflow-file/input//purchase"},"refund":{"workflowId":"workflow//./src/module-use-workflow-file/input//refund"},"w":{"workflowId":"workflow//./src/module-use-workflow-file/input//w"}}}}*/

import { chargeCard, sendReceipt } from "./steps.mjs";

export async function purchase(cardId, amount) {
  const charge = await chargeCard(cardId, amount);
  await sendReceipt(charge.id);
  return charge.id;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/module-use-workflow-file/input//purchase", purchase);

export const refund = async (chargeId) => chargeId;
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/module-use-workflow-file/input//refund", refund);

export const w = async () => {};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/module-use-workflow-file/input//w", w);

export const legacy = async function () {
  return purchase("card", 1);
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/module-use-workflow-file/input//legacy", legacy);
