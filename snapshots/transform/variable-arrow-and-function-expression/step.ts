/**__internal_workflows{"workflows":{"src/variable-arrow-and-function-expression/input.ts":{"compute":{"workflowId":"workflow//./src/variable-arrow-and-function-expression/input//compute"},"computeAgain":{"workflowId":"workflow//./src/variable-arrow-and-function-expression/input//computeAgain"}}},"steps":{"src/variable-arrow-and-function-expression/input.ts":{"double":{"stepId":"step//./src/variable-arrow-and-function-expression/input//double"},"trimIt":{"stepId":"step//./src/variable-arrow-and-function-expression/input//trimIt"},"triple":{"stepId":"step//./src/variable-arrow-and-function-expression/input//triple"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const double = async (n: number) => {
  return n * 2;
};

let triple = async function (n: number) {
  return n * 3;
};

var trimIt = async function innerName(s: string) {
  return s.trim();
};

export const compute = async (n: number) => { throw new Error("Workflow \"compute\" was called directly. A workflow runs durably only when started: use start(compute, [args]) from \"workflow/api\"."); };
compute.workflowId = "workflow//./src/variable-arrow-and-function-expression/input//compute";

export var computeAgain = async function named(n: number) { throw new Error("Workflow \"computeAgain\" was called directly. A workflow runs durably only when started: use start(computeAgain, [args]) from \"workflow/api\"."); };
computeAgain.workflowId = "workflow//./src/variable-arrow-and-function-expression/input//computeAgain";

__wf_registerStepFunction("step//./src/variable-arrow-and-function-expression/input//double", double);
__wf_registerStepFunction("step//./src/variable-arrow-and-function-expression/input//triple", triple);
__wf_registerStepFunction("step//./src/variable-arrow-and-function-expression/input//trimIt", trimIt);
