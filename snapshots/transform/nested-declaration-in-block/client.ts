/**__internal_workflows{"workflows":{"src/nested-declaration-in-block/input.ts":{"flow":{"workflowId":"workflow//./src/nested-declaration-in-block/input//flow"}}},"steps":{"src/nested-declaration-in-block/input.ts":{"flow/inner":{"stepId":"step//./src/nested-declaration-in-block/input//flow/inner"}}}}*/
export async function flow(flag: boolean) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-declaration-in-block/input//flow";
