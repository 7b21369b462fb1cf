/**__internal_workflows{"steps":{"src/default-export-tool-call/input.ts":{"default/execute":{"stepId":"step//./src/default-export-tool-call/input//default/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { tool } from "ai";
export default tool({
  execute: __wf_registerStepFunction("step//./src/default-export-tool-call/input//default/execute", async () => {
    return 1;
  }),
});
