/**__internal_workflows{"workflows":{"src/closure-mutated-let/input.ts":{"counter":{"workflowId":"workflow//./src/closure-mutated-let/input//counter"}}},"steps":{"src/closure-mutated-let/input.ts":{"counter/bump":{"stepId":"step//./src/closure-mutated-let/input//counter/bump"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function counter() { throw new Error("Workflow \"counter\" was called directly. A workflow runs durably only when started: use start(counter, [args]) from \"workflow/api\"."); }
counter.workflowId = "workflow//./src/closure-mutated-let/input//counter";

var counter$bump = function (...args) { let { count } = __wf_getStepClosureVars(); return (async () => {
    count++;
    return count;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-mutated-let/input//counter/bump", counter$bump);