/**__internal_workflows{"workflows":{"src/closure-local-enum-and-types/input.ts":{"flow":{"workflowId":"workflow//./src/closure-local-enum-and-types/input//flow"}}},"steps":{"src/closure-local-enum-and-types/input.ts":{"flow/sum":{"stepId":"step//./src/closure-local-enum-and-types/input//flow/sum"}}}}*/
export async function flow(rows: number[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/closure-local-enum-and-types/input//flow";
