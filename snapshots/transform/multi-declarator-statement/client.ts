/**__internal_workflows{"workflows":{"src/multi-declarator-statement/input.ts":{"format":{"workflowId":"workflow//./src/multi-declarator-statement/input//format"}}},"steps":{"src/multi-declarator-statement/input.ts":{"pad":{"stepId":"step//./src/multi-declarator-statement/input//pad"},"upper":{"stepId":"step//./src/multi-declarator-statement/input//upper"}}}}*/
export const pad = async (s: string) => {
  return s.padStart(PAD_WIDTH);
}, PAD_WIDTH = 4, upper = async function (s: string) {
  return s.toUpperCase();
};
upper.stepId = "step//./src/multi-declarator-statement/input//upper";
pad.stepId = "step//./src/multi-declarator-statement/input//pad";

let format = async (s: string) => { throw new Error("Workflow \"format\" was called directly. A workflow runs durably only when started: use start(format, [args]) from \"workflow/api\"."); };
format.workflowId = "workflow//./src/multi-declarator-statement/input//format";

export { format };
