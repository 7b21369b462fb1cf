/**__internal_workflows{"workflows":{"src/object-method-step-this/input.ts":{"flow":{"workflowId":"workflow//./src/object-method-step-this/input//flow"}}},"steps":{"src/object-method-step-this/input.ts":{"flow/obj/run":{"stepId":"step//./src/object-method-step-this/input//flow/obj/run"}}}}*/
export async function flow() { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/object-method-step-this/input//flow";
