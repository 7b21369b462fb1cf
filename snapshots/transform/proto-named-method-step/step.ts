/**__internal_workflows{"steps":{"src/proto-named-method-step/input.ts":{"handlers/__proto__":{"stepId":"step//./src/proto-named-method-step/input//handlers/__proto__"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const handlers = {
  fallback: () => "none",
  ["__proto__"]: __wf_registerStepFunction("step//./src/proto-named-method-step/input//handlers/__proto__", async function (input: string) {
    return input.toUpperCase();
  }),
};
