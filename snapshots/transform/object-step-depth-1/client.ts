/**__internal_workflows{"steps":{"src/object-step-depth-1/input.ts":{"weather/execute":{"stepId":"step//./src/object-step-depth-1/input//weather/execute"}}}}*/
export const weather = {
  description: "Current weather for a city",
  execute: Object.assign(async ({ city }: { city: string }) => {
    const res = await fetch(`https://wttr.in/${city}?format=j1`);
    return res.json();
  }, { stepId: "step//./src/object-step-depth-1/input//weather/execute" }),
};
