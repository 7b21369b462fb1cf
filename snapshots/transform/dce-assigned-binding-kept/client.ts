/**__internal_workflows{"workflows":{"src/dce-assigned-binding-kept/input.ts":{"run":{"workflowId":"workflow//./src/dce-assigned-binding-kept/input//run"}}}}*/

let calls = 0;

export function reset() {
  calls = 0;
}

export async function run() { throw new Error("Workflow \"run\" was called directly. A workflow runs durably only when started: use start(run, [args]) from \"workflow/api\"."); }
run.workflowId = "workflow//./src/dce-assigned-binding-kept/input//run";
