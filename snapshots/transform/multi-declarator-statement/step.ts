/**__internal_workflows{"workflows":{"src/multi-declarator-statement/input.ts":{"format":{"workflowId":"workflow//./src/multi-declarator-statement/input//format"}}},"steps":{"src/multi-declarator-statement/input.ts":{"pad":{"stepId":"step//./src/multi-declarator-statement/input//pad"},"upper":{"stepId":"step//./src/multi-declarator-statement/input//upper"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const pad = async (s: string) => {
  return s.padStart(PAD_WIDTH);
}, PAD_WIDTH = 4, upper = async function (s: string) {
  return s.toUpperCase();
};

let first = "> ", format = async (s: string) => { throw new Error("Workflow \"format\" was called directly. A workflow runs durably only when started: use start(format, [args]) from \"workflow/api\"."); };
format.workflowId = "workflow//./src/multi-declarator-statement/input//format";

export { format };

__wf_registerStepFunction("step//./src/multi-declarator-statement/input//pad", pad);
__wf_registerStepFunction("step//./src/multi-declarator-statement/input//upper", upper);
