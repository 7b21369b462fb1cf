/**__internal_workflows{"steps":{"src/dce-unused-import-kept/input.ts":{"work":{"stepId":"step//./src/dce-unused-import-kept/input//work"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { neverUsed } from "./unused";
import { alsoUnused, usedByStep } from "./lib";

function unusedHelper() {
  return 1;
}

const unusedConst = computeSomething();

export async function work() {
  return usedByStep();
}

__wf_registerStepFunction("step//./src/dce-unused-import-kept/input//work", work);
