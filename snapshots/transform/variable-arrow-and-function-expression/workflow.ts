/**__internal_workflows{"workflows":{"src/variable-arrow-and-function-expression/input.ts":{"compute":{"workflowId":"workflow//./src/variable-arrow-and-function-expression/input//compute"},"computeAgain":{"workflowId":"workflow//./src/variable-arrow-and-function-expression/input//computeAgain"}}},"steps":{"src/variable-arrow-and-function-expression/input.ts":{"double":{"stepId":"step//./src/variable-arrow-and-function-expression/input//double"},"trimIt":{"stepId":"step//./src/variable-arrow-and-function-expression/input//trimIt"},"triple":{"stepId":"step//./src/variable-arrow-and-function-expression/input//triple"}}}}*/
export const double = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/variable-arrow-and-function-expression/input//double");

let triple = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/variable-arrow-and-function-expression/input//triple");

var trimIt = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/variable-arrow-and-function-expression/input//trimIt");

export const compute = async (n: number) => {
  return trimIt(String(await triple(await double(n))));
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/variable-arrow-and-function-expression/input//compute", compute);

export var computeAgain = async function named(n: number) {
  return compute(n);
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/variable-arrow-and-function-expression/input//computeAgain", computeAgain);
