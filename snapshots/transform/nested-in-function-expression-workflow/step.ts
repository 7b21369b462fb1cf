/**__internal_workflows{"workflows":{"src/nested-in-function-expression-workflow/input.ts":{"billing":{"workflowId":"workflow//./src/nested-in-function-expression-workflow/input//billing"}}},"steps":{"src/nested-in-function-expression-workflow/input.ts":{"billing/invoice":{"stepId":"step//./src/nested-in-function-expression-workflow/input//billing/invoice"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const billing = async function (accountId: string) { throw new Error("Workflow \"billing\" was called directly. A workflow runs durably only when started: use start(billing, [args]) from \"workflow/api\"."); };
billing.workflowId = "workflow//./src/nested-in-function-expression-workflow/input//billing";

var billing$invoice = function (...args) { let { accountId } = __wf_getStepClosureVars(); return (async function invoice(amount: number) {
    return { accountId, amount };
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-in-function-expression-workflow/input//billing/invoice", billing$invoice);