/**__internal_workflows{"workflows":{"src/closure-default-param/input.ts":{"flow":{"workflowId":"workflow//./src/closure-default-param/input//flow"}}},"steps":{"src/closure-default-param/input.ts":{"flow/page":{"stepId":"step//./src/closure-default-param/input//flow/page"}}}}*/
export async function flow(limit: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/closure-default-param/input//flow";
