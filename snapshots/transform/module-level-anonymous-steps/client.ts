/**__internal_workflows{"steps":{"src/module-level-anonymous-steps/input.ts":{"_anonymousStep0":{"stepId":"step//./src/module-level-anonymous-steps/input//_anonymousStep0"},"_anonymousStep1":{"stepId":"step//./src/module-level-anonymous-steps/input//_anonymousStep1"}}}}*/
import { register } from "./registry";
register("job", Object.assign(async (x: number) => {
  return x * 2;
}, { stepId: "step//./src/module-level-anonymous-steps/input//_anonymousStep0" }));
export const list = [
  Object.assign(async () => {
    return 1;
  }, { stepId: "step//./src/module-level-anonymous-steps/input//_anonymousStep1" }),
];
