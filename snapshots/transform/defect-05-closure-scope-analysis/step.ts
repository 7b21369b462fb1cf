/**__internal_workflows{"workflows":{"src/defect-05-closure-scope-analysis/input.ts":{"tally":{"workflowId":"workflow//./src/defect-05-closure-scope-analysis/input//tally"}}},"steps":{"src/defect-05-closure-scope-analysis/input.ts":{"tally/add":{"stepId":"step//./src/defect-05-closure-scope-analysis/input//tally/add"},"tally/helpers/ping":{"stepId":"step//./src/defect-05-closure-scope-analysis/input//tally/helpers/ping"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function tally(items: string[]) { throw new Error("Workflow \"tally\" was called directly. A workflow runs durably only when started: use start(tally, [args]) from \"workflow/api\"."); }
tally.workflowId = "workflow//./src/defect-05-closure-scope-analysis/input//tally";

var tally$helpers$ping = function (...args) { let { items } = __wf_getStepClosureVars(); return (async function () {
      return items.length;
    }).apply(this, args); };
var tally$add = function (...args) { let { fetch, total } = __wf_getStepClosureVars(); return (async (item: string) => {
    total += item.length;
    if (typeof undeclaredThing !== "undefined") return undeclaredThing;
    return `${fetch}:${total}`;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/defect-05-closure-scope-analysis/input//tally/add", tally$add);
__wf_registerStepFunction("step//./src/defect-05-closure-scope-analysis/input//tally/helpers/ping", tally$helpers$ping);