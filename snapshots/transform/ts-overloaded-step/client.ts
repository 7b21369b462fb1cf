/**__internal_workflows{"workflows":{"src/ts-overloaded-step/input.ts":{"flow":{"workflowId":"workflow//./src/ts-overloaded-step/input//flow"}}},"steps":{"src/ts-overloaded-step/input.ts":{"send":{"stepId":"step//./src/ts-overloaded-step/input//send"}}}}*/
export async function send(to: string): Promise<void>;
export async function send(to: string[]): Promise<void>;
export async function send(to: string | string[]) {
  console.log(to);
}
send.stepId = "step//./src/ts-overloaded-step/input//send";
export async function flow() { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/ts-overloaded-step/input//flow";
