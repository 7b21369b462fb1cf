/**__internal_workflows{"workflows":{"src/nested-step-self-recursion/input.ts":{"flow":{"workflowId":"workflow//./src/nested-step-self-recursion/input//flow"}}},"steps":{"src/nested-step-self-recursion/input.ts":{"flow/countdown":{"stepId":"step//./src/nested-step-self-recursion/input//flow/countdown"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow(n: number) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/nested-step-self-recursion/input//flow";

var flow$countdown = async function countdown(k: number): Promise<number> {
    return k <= 0 ? 0 : countdown(k - 1);
  };
__wf_registerStepFunction("step//./src/nested-step-self-recursion/input//flow/countdown", flow$countdown);