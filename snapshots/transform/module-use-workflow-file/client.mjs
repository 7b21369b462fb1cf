/**__internal_workflows{"workflows":{"src/module-use-workflow-file/input.mjs":{"legacy":{"workflowId":"workflow//./src/module-use-workflow-file/input//legacy"},"purchase":{"workflowId":"workflow//./src/module-use-workflow-file/input//purchase"},"refund":{"workflowId":"workflow//./src/module-use-workflow-file/input//refund"},"w":{"workflowId":"workflow//./src/module-use-workflow-file/input//w"}}}}*/


export async function purchase(cardId, amount) { throw new Error("Workflow \"purchase\" was called directly. A workflow runs durably only when started: use start(purchase, [args]) from \"workflow/api\"."); }
purchase.workflowId = "workflow//./src/module-use-workflow-file/input//purchase";

export const refund = async (chargeId) => (() => { throw new Error("Workflow \"refund\" was called directly. A workflow runs durably only when started: use start(refund, [args]) from \"workflow/api\"."); })();
refund.workflowId = "workflow//./src/module-use-workflow-file/input//refund";

export const w = async () => { throw new Error("Workflow \"w\" was called directly. A workflow runs durably only when started: use start(w, [args]) from \"workflow/api\"."); };
w.workflowId = "workflow//./src/module-use-workflow-file/input//w";

export const legacy = async function () { throw new Error("Workflow \"legacy\" was called directly. A workflow runs durably only when started: use start(legacy, [args]) from \"workflow/api\"."); };
legacy.workflowId = "workflow//./src/module-use-workflow-file/input//legacy";
