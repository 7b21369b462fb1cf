/**__internal_workflows{"workflows":{"src/dce-shadowed-import/input.ts":{"show":{"workflowId":"workflow//./src/dce-shadowed-import/input//show"}}},"steps":{"src/dce-shadowed-import/input.ts":{"render":{"stepId":"step//./src/dce-shadowed-import/input//render"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { format } from "./format";
import { clamp } from "./math";

export async function render(n: number) {
  const format = (x: number) => `#${x}`;
  return format(clamp(n));
}

export async function show(n: number) { throw new Error("Workflow \"show\" was called directly. A workflow runs durably only when started: use start(show, [args]) from \"workflow/api\"."); }
show.workflowId = "workflow//./src/dce-shadowed-import/input//show";

__wf_registerStepFunction("step//./src/dce-shadowed-import/input//render", render);
