/**__internal_workflows{"workflows":{"src/closure-undeclared-global/input.ts":{"probe":{"workflowId":"workflow//./src/closure-undeclared-global/input//probe"}}},"steps":{"src/closure-undeclared-global/input.ts":{"probe/check":{"stepId":"step//./src/closure-undeclared-global/input//probe/check"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function probe(region: string) { throw new Error("Workflow \"probe\" was called directly. A workflow runs durably only when started: use start(probe, [args]) from \"workflow/api\"."); }
probe.workflowId = "workflow//./src/closure-undeclared-global/input//probe";

var probe$check = function (...args) { let { region } = __wf_getStepClosureVars(); return (async () => {
    if (typeof maybeGlobal !== "undefined") return maybeGlobal.region;
    return region;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-undeclared-global/input//probe/check", probe$check);