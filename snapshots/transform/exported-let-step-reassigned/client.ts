/**__internal_workflows{"steps":{"src/exported-let-step-reassigned/input.ts":{"handler":{"stepId":"step//./src/exported-let-step-reassigned/input//handler"}}}}*/
import { wrap } from "./wrap";
export let handler = async (x: number) => {
  return x;
};
handler.stepId = "step//./src/exported-let-step-reassigned/input//handler";
handler = wrap(handler);
