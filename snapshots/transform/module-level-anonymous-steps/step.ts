/**__internal_workflows{"steps":{"src/module-level-anonymous-steps/input.ts":{"_anonymousStep0":{"stepId":"step//./src/module-level-anonymous-steps/input//_anonymousStep0"},"_anonymousStep1":{"stepId":"step//./src/module-level-anonymous-steps/input//_anonymousStep1"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { register } from "./registry";
register("job", __wf_registerStepFunction("step//./src/module-level-anonymous-steps/input//_anonymousStep0", async (x: number) => {
  return x * 2;
}));
export const list = [
  __wf_registerStepFunction("step//./src/module-level-anonymous-steps/input//_anonymousStep1", async () => {
    return 1;
  }),
];
