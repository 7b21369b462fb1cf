/**__internal_workflows{"workflows":{"src/nested-step-self-recursion/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-self-recursion/input//flow"}}},"steps":{"src/nested-step-self-recursion/input.ts":{"flow/countdown":{"stepId":"step//./src/nested-step-self-recursion/input//flow/countdown"}}}}*/
export async function flow(n: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-step-self-recursion/input//flow";
