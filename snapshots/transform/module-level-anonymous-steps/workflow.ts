/**__internal_workflows{"steps":{"src/module-level-anonymous-steps/input.ts":{"_anonymousStep0":{"stepId":"step//./src/module-level-anonymous-steps/input//_anonymousStep0"},"_anonymousStep1":{"stepId":"step//./src/module-level-anonymous-steps/input//_anonymousStep1"}}}}*/
import { register } from "./registry";
register("job", globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-level-anonymous-steps/input//_anonymousStep0"));
export const list = [
  globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-level-anonymous-steps/input//_anonymousStep1"),
];
