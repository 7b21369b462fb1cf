/**__internal_workflows{"steps":{"src/dce-unused-import-kept/input.ts":{"work":{"stepId":"step//./src/dce-unused-import-kept/input//work"}}}}*/
import { neverUsed } from "./unused";
import { alsoUnused, usedByStep } from "./lib";

function unusedHelper() {
  return 1;
}

const unusedConst = computeSomething();

export async function work() {
  return usedByStep();
}
work.stepId = "step//./src/dce-unused-import-kept/input//work";
