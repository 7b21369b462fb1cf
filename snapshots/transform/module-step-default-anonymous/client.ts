/**__internal_workflows{"steps":{"src/module-step-default-anonymous/input.ts":{"default":{"stepId":"step//./src/module-step-default-anonymous/input//default"}}}}*/
export default async function __default (x: number) {
  return x;
}
__default.stepId = "step//./src/module-step-default-anonymous/input//default";
