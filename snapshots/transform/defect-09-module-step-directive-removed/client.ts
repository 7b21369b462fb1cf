/**__internal_workflows{"steps":{"src/defect-09-module-step-directive-removed/input.ts":{"first":{"stepId":"step//./src/defect-09-module-step-directive-removed/input//first"},"second":{"stepId":"step//./src/defect-09-module-step-directive-removed/input//second"}}}}*/

export async function first() {
  return 1;
}
first.stepId = "step//./src/defect-09-module-step-directive-removed/input//first";

export async function second() {
  return 2;
}
second.stepId = "step//./src/defect-09-module-step-directive-removed/input//second";
