/**__internal_workflows{"steps":{"src/step-referenced-before-declaration/input.ts":{"helper":{"stepId":"step//./src/step-referenced-before-declaration/input//helper"}}}}*/
export const registry = { run: helper };
async function helper(x: number) {
  return x;
}
helper.stepId = "step//./src/step-referenced-before-declaration/input//helper";
export default helper;
