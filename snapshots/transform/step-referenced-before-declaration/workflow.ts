/**__internal_workflows{"steps":{"src/step-referenced-before-declaration/input.ts":{"helper":{"stepId":"step//./src/step-referenced-before-declaration/input//helper"}}}}*/
var helper = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/step-referenced-before-declaration/input//helper");
export const registry = { run: helper };
export default helper;
