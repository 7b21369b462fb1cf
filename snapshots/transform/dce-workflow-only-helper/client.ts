/**__internal_workflows{"workflows":{"src/dce-workflow-only-helper/input.ts":{"plan":{"workflowId":"workflow//./src/dce-workflow-only-helper/input//plan"}}},"steps":{"src/dce-workflow-only-helper/input.ts":{"double":{"stepId":"step//./src/dce-workflow-only-helper/input//double"}}}}*/




export async function double(i: number) {
  return i * 2;
}
double.stepId = "step//./src/dce-workflow-only-helper/input//double";

export async function plan(n: number) { throw new Error("Workflow \"plan\" was called directly. A workflow runs durably only when started: use start(plan, [args]) from \"workflow/api\"."); }
plan.workflowId = "workflow//./src/dce-workflow-only-helper/input//plan";
