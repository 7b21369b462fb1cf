/**__internal_workflows{"workflows":{"src/ts-overloaded-step/input.ts":{"flow":{"workflowId":"workflow//./src/ts-overloaded-step/input//flow"}}},"steps":{"src/ts-overloaded-step/input.ts":{"send":{"stepId":"step//./src/ts-overloaded-step/input//send"}}}}*/
export var send = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/ts-overloaded-step/input//send");
export async function send(to: string): Promise<void>;
export async function send(to: string[]): Promise<void>;
export async function flow() {
  await send("a");
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/ts-overloaded-step/input//flow", flow);
