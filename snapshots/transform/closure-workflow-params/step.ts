/**__internal_workflows{"workflows":{"src/closure-workflow-params/input.ts":{"greet":{"workflowId":"workflow//./src/closure-workflow-params/input//greet"}}},"steps":{"src/closure-workflow-params/input.ts":{"greet/format":{"stepId":"step//./src/closure-workflow-params/input//greet/format"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function greet(firstName: string, { lastName, title = "Dr." }: { lastName: string; title?: string }) { throw new Error("Workflow \"greet\" was called directly. A workflow runs durably only when started: use start(greet, [args]) from \"workflow/api\"."); }
greet.workflowId = "workflow//./src/closure-workflow-params/input//greet";

var greet$format = function (...args) { let { firstName, lastName, title } = __wf_getStepClosureVars(); return (async () => {
    return `${title} ${firstName} ${lastName}`;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-workflow-params/input//greet/format", greet$format);