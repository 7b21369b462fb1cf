/**__internal_workflows{"steps":{"src/default-export-arrow-step/input.jsx":{"default":{"stepId":"step//./src/default-export-arrow-step/input//default"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default __wf_registerStepFunction("step//./src/default-export-arrow-step/input//default", async (a, b) => {
  return a + b;
});
