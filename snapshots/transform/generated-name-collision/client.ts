/**__internal_workflows{"workflows":{"src/generated-name-collision/input.ts":{"order":{"workflowId":"workflow//./src/generated-name-collision/input//order"}}},"steps":{"src/generated-name-collision/input.ts":{"order/notify":{"stepId":"step//./src/generated-name-collision/input//order/notify"}}}}*/
export async function order(id: string) { throw new Error("Workflow \"order\" was called directly. A workflow runs durably only when started: use start(order, [args]) from \"workflow/api\"."); }
order.workflowId = "workflow//./src/generated-name-collision/input//order";
