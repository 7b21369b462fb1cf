/**__internal_workflows{"steps":{"src/object-step-depth-1/input.ts":{"weather/execute":{"stepId":"step//./src/object-step-depth-1/input//weather/execute"}}}}*/
export const weather = {
  description: "Current weather for a city",
  execute: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-step-depth-1/input//weather/execute"),
};
