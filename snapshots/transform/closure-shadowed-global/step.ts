/**__internal_workflows{"workflows":{"src/closure-shadowed-global/input.ts":{"crawl":{"workflowId":"workflow//./src/closure-shadowed-global/input//crawl"}}},"steps":{"src/closure-shadowed-global/input.ts":{"crawl/load":{"stepId":"step//./src/closure-shadowed-global/input//crawl/load"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function crawl(url: string) { throw new Error("Workflow \"crawl\" was called directly. A workflow runs durably only when started: use start(crawl, [args]) from \"workflow/api\"."); }
crawl.workflowId = "workflow//./src/closure-shadowed-global/input//crawl";

var crawl$load = function (...args) { let { fetch, url } = __wf_getStepClosureVars(); return (async () => {
    return `${fetch}:${url}`;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/closure-shadowed-global/input//crawl/load", crawl$load);