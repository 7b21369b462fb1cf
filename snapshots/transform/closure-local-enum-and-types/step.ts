/**__internal_workflows{"workflows":{"src/closure-local-enum-and-types/input.ts":{"flow":{"workflowId":"workflow//./src/closure-local-enum-and-types/input//flow"}}},"steps":{"src/closure-local-enum-and-types/input.ts":{"flow/sum":{"stepId":"step//./src/closure-local-enum-and-types/input//flow/sum"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(rows: number[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/closure-local-enum-and-types/input//flow";

var flow$sum = function (...args) { let { Mode } = __wf_getStepClosureVars(); return (async (input: Row[]): Promise<Totals> => {
    const mode: Mode = Mode.Fast;
    return { sum: input.reduce((a, r) => a + r.value, mode) };
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-local-enum-and-types/input//flow/sum", flow$sum);