/**__internal_workflows{"steps":{"src/module-step-default-arrow/input.ts":{"default":{"stepId":"step//./src/module-step-default-arrow/input//default"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default __wf_registerStepFunction("step//./src/module-step-default-arrow/input//default", async (x: number) => x * 2);
