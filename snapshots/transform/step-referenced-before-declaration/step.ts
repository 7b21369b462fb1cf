/**__internal_workflows{"steps":{"src/step-referenced-before-declaration/input.ts":{"helper":{"stepId":"step//./src/step-referenced-before-declaration/input//helper"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const registry = { run: helper };
async function helper(x: number) {
  return x;
}
export default helper;

__wf_registerStepFunction("step//./src/step-referenced-before-declaration/input//helper", helper);
