/**__internal_workflows{"steps":{"src/default-export-arrow-step/input.jsx":{"default":{"stepId":"step//./src/default-export-arrow-step/input//default"}}}}*/
export default Object.assign(async (a, b) => {
  return a + b;
}, { stepId: "step//./src/default-export-arrow-step/input//default" });
