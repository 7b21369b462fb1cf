/**__internal_workflows{"workflows":{"src/closure-shadowed-global/input.ts":{"crawl":{"workflowId":"workflow//./src/closure-shadowed-global/input//crawl"}}},"steps":{"src/closure-shadowed-global/input.ts":{"crawl/load":{"stepId":"step//./src/closure-shadowed-global/input//crawl/load"}}}}*/
export async function crawl(url: string) { throw new Error("Workflow \"crawl\" was called directly. A workflow runs durably only when started: use start(crawl, [args]) from \"workflow/api\"."); }
crawl.workflowId = "workflow//./src/closure-shadowed-global/input//crawl";
