/**__internal_workflows{"workflows":{"src/closure-workflow-params/input.ts":{"greet":{"workflowId":"workflow//./src/closure-workflow-params/input//greet"}}},"steps":{"src/closure-workflow-params/input.ts":{"greet/format":{"stepId":"step//./src/closure-workflow-params/input//greet/format"}}}}*/
export async function greet(firstName: string, { lastName, title = "Dr." }: { lastName: string; title?: string }) {
  const unused = "not referenced by the step";
  const format = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-workflow-params/input//greet/format", () => ({ firstName, lastName, title }));
  return format() + unused;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-workflow-params/input//greet", greet);
