/**__internal_workflows{"workflows":{"src/nested-anonymous-callback-step/input.tsx":{"processAll":{"workflowId":"workflow//./src/nested-anonymous-callback-step/input//processAll"}}},"steps":{"src/nested-anonymous-callback-step/input.tsx":{"processAll/_anonymousStep0":{"stepId":"step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep0"},"processAll/_anonymousStep1":{"stepId":"step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep1"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function processAll(items: string[]) { throw new Error("Workflow \"processAll\" was called directly. A workflow runs durably only when started: use start(processAll, [args]) from \"workflow/api\"."); }
processAll.workflowId = "workflow//./src/nested-anonymous-callback-step/input//processAll";

var processAll$_anonymousStep1 = async (item) => {
      return item.length;
    };
var processAll$_anonymousStep0 = async (item) => {
      return item.toUpperCase();
    };
__wf_registerStepFunction("step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep0", processAll$_anonymousStep0);
__wf_registerStepFunction("step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep1", processAll$_anonymousStep1);