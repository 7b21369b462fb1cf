/**__internal_workflows{"workflows":{"src/multi-declarator-statement/input.ts":{"format":{"workflowId":"workflow//./src/multi-declarator-statement/input//format"}}},"steps":{"src/multi-declarator-statement/input.ts":{"pad":{"stepId":"step//./src/multi-declarator-statement/input//pad"},"upper":{"stepId":"step//./src/multi-declarator-statement/input//upper"}}}}*/
export const pad = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/multi-declarator-statement/input//pad"), PAD_WIDTH = 4, upper = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/multi-declarator-statement/input//upper");

let first = "> ", format = async (s: string) => {
  return first + upper(await pad(s));
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/multi-declarator-statement/input//format", format);

export { format };
