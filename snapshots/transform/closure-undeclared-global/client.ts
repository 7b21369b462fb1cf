/**__internal_workflows{"workflows":{"src/closure-undeclared-global/input.ts":{"probe":{"workflowId":"workflow//./src/closure-undeclared-global/input//probe"}}},"steps":{"src/closure-undeclared-global/input.ts":{"probe/check":{"stepId":"step//./src/closure-undeclared-global/input//probe/check"}}}}*/
export async function probe(region: string) { throw new Error("Workflow \"probe\" was called directly. A workflow runs durably only when started: use start(probe, [args]) from \"workflow/api\"."); }
probe.workflowId = "workflow//./src/closure-undeclared-global/input//probe";
