/**__internal_workflows{"steps":{"src/object-step-in-tool-call/input.ts":{"getWeather/execute":{"stepId":"step//./src/object-step-in-tool-call/input//getWeather/execute"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { tool } from "ai";
import { z } from "zod";
import { lookupWeather } from "./weather-api";

export const getWeather = tool({
  description: "Get the weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: __wf_registerStepFunction("step//./src/object-step-in-tool-call/input//getWeather/execute", async ({ city }: { city: string }) => {
    return lookupWeather(city);
  }),
});
