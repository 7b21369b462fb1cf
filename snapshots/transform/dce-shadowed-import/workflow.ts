/**__internal_workflows{"workflows":{"src/dce-shadowed-import/input.ts":{"show":{"workflowId":"workflow//./src/dce-shadowed-import/input//show"}}},"steps":{"src/dce-shadowed-import/input.ts":{"render":{"stepId":"step//./src/dce-shadowed-import/input//render"}}}}*/
export var render = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-shadowed-import/input//render");
import { format } from "./format";
import { clamp } from "./math";


export async function show(n: number) {
  return format(await render(clamp(n)));
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-shadowed-import/input//show", show);
