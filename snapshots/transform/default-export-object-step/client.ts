/**__internal_workflows{"steps":{"src/default-export-object-step/input.ts":{"default/run":{"stepId":"step//./src/default-export-object-step/input//default/run"}}}}*/
export default {
  run: Object.assign(async function (x: number) {
    return x;
  }, { stepId: "step//./src/default-export-object-step/input//default/run" }),
};
