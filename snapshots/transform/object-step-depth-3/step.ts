/**__internal_workflows{"steps":{"src/object-step-depth-3/input.ts":{"agentCfg/tools/search/execute":{"stepId":"step//./src/object-step-depth-3/input//agentCfg/tools/search/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
const agentCfg = {
  name: "researcher",
  tools: {
    search: {
      execute: __wf_registerStepFunction("step//./src/object-step-depth-3/input//agentCfg/tools/search/execute", async (query: string) => {
        return [query];
      }),
    },
  },
};

export default agentCfg;
