/**__internal_workflows{"steps":{"src/default-export-anonymous-step/input.ts":{"default":{"stepId":"step//./src/default-export-anonymous-step/input//default"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default async function __default (url: string) {
  const res = await fetch(url);
  return res.status;
}

__wf_registerStepFunction("step//./src/default-export-anonymous-step/input//default", __default);
