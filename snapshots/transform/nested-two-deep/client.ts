/**__internal_workflows{"workflows":{"src/nested-two-deep/input.ts":{"flow":{"workflowId":"workflow//./src/nested-two-deep/input//flow"}}},"steps":{"src/nested-two-deep/input.ts":{"flow/cb/deeper":{"stepId":"step//./src/nested-two-deep/input//flow/cb/deeper"}}}}*/
export async function flow(userIds: string[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-two-deep/input//flow";
