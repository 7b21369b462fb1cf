/**__internal_workflows{"steps":{"src/object-step-depth-3/input.ts":{"agentCfg/tools/search/execute":{"stepId":"step//./src/object-step-depth-3/input//agentCfg/tools/search/execute"}}}}*/
const agentCfg = {
  name: "researcher",
  tools: {
    search: {
      execute: Object.assign(async (query: string) => {
        return [query];
      }, { stepId: "step//./src/object-step-depth-3/input//agentCfg/tools/search/execute" }),
    },
  },
};

export default agentCfg;
