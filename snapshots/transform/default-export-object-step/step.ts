/**__internal_workflows{"steps":{"src/default-export-object-step/input.ts":{"default/run":{"stepId":"step//./src/default-export-object-step/input//default/run"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default {
  run: __wf_registerStepFunction("step//./src/default-export-object-step/input//default/run", async function (x: number) {
    return x;
  }),
};
