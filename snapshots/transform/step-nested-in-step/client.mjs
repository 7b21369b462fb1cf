/**__internal_workflows{"steps":{"src/step-nested-in-step/input.mjs":{"outer":{"stepId":"step//./src/step-nested-in-step/input//outer"},"outer/inner":{"stepId":"step//./src/step-nested-in-step/input//outer/inner"}}}}*/
export async function outer(n) {
  const inner = async () => {
    return n + 1;
  };
  return inner();
}
outer.stepId = "step//./src/step-nested-in-step/input//outer";
