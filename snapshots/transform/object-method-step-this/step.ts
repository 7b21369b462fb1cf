/**__internal_workflows{"workflows":{"src/object-method-step-this/input.ts":{"flow":{"workflowId":"workflow//./src/object-method-step-this/input//flow"}}},"steps":{"src/object-method-step-this/input.ts":{"flow/obj/run":{"stepId":"step//./src/object-method-step-this/input//flow/obj/run"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function flow() { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/object-method-step-this/input//flow";

var flow$obj$run = async function () {
      return this.name;
    };
__wf_registerStepFunction("step//./src/object-method-step-this/input//flow/obj/run", flow$obj$run);