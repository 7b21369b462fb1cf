/**__internal_workflows{"workflows":{"src/dce-shadowed-import/input.ts":{"show":{"workflowId":"workflow//./src/dce-shadowed-import/input//show"}}},"steps":{"src/dce-shadowed-import/input.ts":{"render":{"stepId":"step//./src/dce-shadowed-import/input//render"}}}}*/
import { clamp } from "./math";

export async function render(n: number) {
  const format = (x: number) => `#${x}`;
  return format(clamp(n));
}
render.stepId = "step//./src/dce-shadowed-import/input//render";

export async function show(n: number) { throw new Error("Workflow \"show\" was called directly. A workflow runs durably only when started: use start(show, [args]) from \"workflow/api\"."); }
show.workflowId = "workflow//./src/dce-shadowed-import/input//show";
