/**__internal_workflows{"steps":{"src/dce-unused-import-kept/input.ts":{"work":{"stepId":"step//./src/dce-unused-import-kept/input//work"}}}}*/
export var work = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-unused-import-kept/input//work");
import { neverUsed } from "./unused";
import { alsoUnused } from "./lib";

function unusedHelper() {
  return 1;
}

const unusedConst = computeSomething();

