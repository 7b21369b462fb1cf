/**__internal_workflows{"steps":{"src/object-step-ts-wrappers/input.ts":{"tools/other/run":{"stepId":"step//./src/object-step-ts-wrappers/input//tools/other/run"},"tools/search/execute":{"stepId":"step//./src/object-step-ts-wrappers/input//tools/search/execute"}}}}*/
import { tool, type Tool } from "ai";
export const tools = {
  search: tool({
    execute: Object.assign(async (q: string) => {
      return q;
    }, { stepId: "step//./src/object-step-ts-wrappers/input//tools/search/execute" }),
  }) as Tool,
  other: {
    run: Object.assign(async () => {
      return 1;
    }, { stepId: "step//./src/object-step-ts-wrappers/input//tools/other/run" }),
  } satisfies object,
} satisfies Record<string, unknown>;
