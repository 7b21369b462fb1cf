/**__internal_workflows{"workflows":{"src/nested-function-expression-step/input.ts":{"report":{"workflowId":"workflow//./src/nested-function-expression-step/input//report"}}},"steps":{"src/nested-function-expression-step/input.ts":{"report/summarize":{"stepId":"step//./src/nested-function-expression-step/input//report/summarize"}}}}*/
export async function report(day: string) {
  const summarize = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-function-expression-step/input//report/summarize");
  const total = await summarize([1, 2, 3]);
  return `${day}: ${total}`;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-function-expression-step/input//report", report);
