/**__internal_workflows{"steps":{"src/defect-07-anonymous-default-step-binding/input.js":{"default":{"stepId":"step//./src/defect-07-anonymous-default-step-binding/input//default"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default async function __default ({ amount, currency = "USD" }, ...rest) {
  return `${amount} ${currency} ${rest.length}`;
}

__wf_registerStepFunction("step//./src/defect-07-anonymous-default-step-binding/input//default", __default);
