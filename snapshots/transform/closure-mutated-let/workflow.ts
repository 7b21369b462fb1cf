/**__internal_workflows{"workflows":{"src/closure-mutated-let/input.ts":{"counter":{"workflowId":"workflow//./src/closure-mutated-let/input//counter"}}},"steps":{"src/closure-mutated-let/input.ts":{"counter/bump":{"stepId":"step//./src/closure-mutated-let/input//counter/bump"}}}}*/
export async function counter() {
  let count = 0;
  const bump = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-mutated-let/input//counter/bump", () => ({ count }));
  await bump();
  await bump();
  return count;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-mutated-let/input//counter", counter);
