/**__internal_workflows{"workflows":{"src/async-generator-step/input.ts":{"collect":{"workflowId":"workflow//./src/async-generator-step/input//collect"}}},"steps":{"src/async-generator-step/input.ts":{"streamLines":{"stepId":"step//./src/async-generator-step/input//streamLines"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function* streamLines(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  for (const line of text.split("\n")) yield line;
}

export async function collect(url: string) { throw new Error("Workflow \"collect\" was called directly. A workflow runs durably only when started: use start(collect, [args]) from \"workflow/api\"."); }
collect.workflowId = "workflow//./src/async-generator-step/input//collect";

__wf_registerStepFunction("step//./src/async-generator-step/input//streamLines", streamLines);
