/**__internal_workflows{"workflows":{"src/closure-loop-variable/input.tsx":{"batch":{"workflowId":"workflow//./src/closure-loop-variable/input//batch"}}},"steps":{"src/closure-loop-variable/input.tsx":{"batch/fetchPage":{"stepId":"step//./src/closure-loop-variable/input//batch/fetchPage"}}}}*/
export async function batch(pages: number) { throw new Error("Workflow \"batch\" was called directly. A workflow runs durably only when started: use start(batch, [args]) from \"workflow/api\"."); }
batch.workflowId = "workflow//./src/closure-loop-variable/input//batch";
