/**__internal_workflows{"workflows":{"src/closure-loop-variable/input.tsx":{"batch":{"workflowId":"workflow//./src/closure-loop-variable/input//batch"}}},"steps":{"src/closure-loop-variable/input.tsx":{"batch/fetchPage":{"stepId":"step//./src/closure-loop-variable/input//batch/fetchPage"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function batch(pages: number) { throw new Error("Workflow \"batch\" was called directly. A workflow runs durably only when started: use start(batch, [args]) from \"workflow/api\"."); }
batch.workflowId = "workflow//./src/closure-loop-variable/input//batch";

var batch$fetchPage = function (...args) { let { page } = __wf_getStepClosureVars(); return (async () => {
      return `page-${page}`;
    }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-loop-variable/input//batch/fetchPage", batch$fetchPage);