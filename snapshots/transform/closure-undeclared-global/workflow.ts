/**__internal_workflows{"workflows":{"src/closure-undeclared-global/input.ts":{"probe":{"workflowId":"workflow//./src/closure-undeclared-global/input//probe"}}},"steps":{"src/closure-undeclared-global/input.ts":{"probe/check":{"stepId":"step//./src/closure-undeclared-global/input//probe/check"}}}}*/
export async function probe(region: string) {
  const check = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-undeclared-global/input//probe/check", () => ({ region }));
  return check();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-undeclared-global/input//probe", probe);
