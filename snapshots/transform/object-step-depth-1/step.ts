/**__internal_workflows{"steps":{"src/object-step-depth-1/input.ts":{"weather/execute":{"stepId":"step//./src/object-step-depth-1/input//weather/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const weather = {
  description: "Current weather for a city",
  execute: __wf_registerStepFunction("step//./src/object-step-depth-1/input//weather/execute", async ({ city }: { city: string }) => {
    const res = await fetch(`https://wttr.in/${city}?format=j1`);
    return res.json();
  }),
};
