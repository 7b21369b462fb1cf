/**__internal_workflows{"workflows":{"src/variable-arrow-and-function-expression/input.ts":{"compute":{"workflowId":"workflow//./src/variable-arrow-and-function-expression/input//compute"},"computeAgain":{"workflowId":"workflow//./src/variable-arrow-and-function-expression/input//computeAgain"}}},"steps":{"src/variable-arrow-and-function-expression/input.ts":{"double":{"stepId":"step//./src/variable-arrow-and-function-expression/input//double"},"trimIt":{"stepId":"step//./src/variable-arrow-and-function-expression/input//trimIt"},"triple":{"stepId":"step//./src/variable-arrow-and-function-expression/input//triple"}}}}*/
export const double = async (n: number) => {
  return n * 2;
};
double.stepId = "step//./src/variable-arrow-and-function-expression/input//double";

let triple = async function (n: number) {
  return n * 3;
};
triple.stepId = "step//./src/variable-arrow-and-function-expression/input//triple";

var trimIt = async function innerName(s: string) {
  return s.trim();
};
trimIt.stepId = "step//./src/variable-arrow-and-function-expression/input//trimIt";

export const compute = async (n: number) => { throw new Error("Workflow \"compute\" was called directly. A workflow runs durably only when started: use start(compute, [args]) from \"workflow/api\"."); };
compute.workflowId = "workflow//./src/variable-arrow-and-function-expression/input//compute";

export var computeAgain = async function named(n: number) { throw new Error("Workflow \"computeAgain\" was called directly. A workflow runs durably only when started: use start(computeAgain, [args]) from \"workflow/api\"."); };
computeAgain.workflowId = "workflow//./src/variable-arrow-and-function-expression/input//computeAgain";
