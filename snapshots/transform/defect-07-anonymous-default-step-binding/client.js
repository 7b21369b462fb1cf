/**__internal_workflows{"steps":{"src/defect-07-anonymous-default-step-binding/input.js":{"default":{"stepId":"step//./src/defect-07-anonymous-default-step-binding/input//default"}}}}*/
export default async function __default ({ amount, currency = "USD" }, ...rest) {
  return `${amount} ${currency} ${rest.length}`;
}
__default.stepId = "step//./src/defect-07-anonymous-default-step-binding/input//default";
