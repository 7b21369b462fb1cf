/**__internal_workflows{"workflows":{"src/closure-mutated-let/input.ts":{"counter":{"workflowId":"workflow//./src/closure-mutated-let/input//counter"}}},"steps":{"src/closure-mutated-let/input.ts":{"counter/bump":{"stepId":"step//./src/closure-mutated-let/input//counter/bump"}}}}*/
export async function counter() { throw new Error("Workflow \"counter\" was called directly. A workflow runs durably only when started: use start(counter, [args]) from \"workflow/api\"."); }
counter.workflowId = "workflow//./src/closure-mutated-let/input//counter";
