/**__internal_workflows{"workflows":{"src/nested-in-function-expression-workflow/input.ts":{"billing":{"workflowId":"workflow//./src/nested-in-function-expression-workflow/input//billing"}}},"steps":{"src/nested-in-function-expression-workflow/input.ts":{"billing/invoice":{"stepId":"step//./src/nested-in-function-expression-workflow/input//billing/invoice"}}}}*/
export const billing = async function (accountId: string) {
var invoice = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-in-function-expression-workflow/input//billing/invoice", () => ({ accountId }));
  
  return invoice(100);
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-in-function-expression-workflow/input//billing", billing);
