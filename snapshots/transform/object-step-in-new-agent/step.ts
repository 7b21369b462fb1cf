/**__internal_workflows{"steps":{"src/object-step-in-new-agent/input.ts":{"agent/tools/search/execute":{"stepId":"step//./src/object-step-in-new-agent/input//agent/tools/search/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { Agent } from "@ai-sdk/agent";
import { searchIndex } from "./search";

export const agent = new Agent({
  model: "gpt-5",
  tools: {
    search: {
      description: "Search the index",
      execute: __wf_registerStepFunction("step//./src/object-step-in-new-agent/input//agent/tools/search/execute", async function (query: string) {
        return searchIndex(query);
      }),
    },
  },
});
