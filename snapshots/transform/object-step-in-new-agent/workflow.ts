/**__internal_workflows{"steps":{"src/object-step-in-new-agent/input.ts":{"agent/tools/search/execute":{"stepId":"step//./src/object-step-in-new-agent/input//agent/tools/search/execute"}}}}*/
import { Agent } from "@ai-sdk/agent";

export const agent = new Agent({
  model: "gpt-5",
  tools: {
    search: {
      description: "Search the index",
      execute: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-step-in-new-agent/input//agent/tools/search/execute"),
    },
  },
});
