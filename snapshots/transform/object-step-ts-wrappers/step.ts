/**__internal_workflows{"steps":{"src/object-step-ts-wrappers/input.ts":{"tools/other/run":{"stepId":"step//./src/object-step-ts-wrappers/input//tools/other/run"},"tools/search/execute":{"stepId":"step//./src/object-step-ts-wrappers/input//tools/search/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { tool, type Tool } from "ai";
export const tools = {
  search: tool({
    execute: __wf_registerStepFunction("step//./src/object-step-ts-wrappers/input//tools/search/execute", async (q: string) => {
      return q;
    }),
  }) as Tool,
  other: {
    run: __wf_registerStepFunction("step//./src/object-step-ts-wrappers/input//tools/other/run", async () => {
      return 1;
    }),
  } satisfies object,
} satisfies Record<string, unknown>;
