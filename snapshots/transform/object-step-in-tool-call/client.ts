/**__internal_workflows{"steps":{"src/object-step-in-tool-call/input.ts":{"getWeather/execute":{"stepId":"step//./src/object-step-in-tool-call/input//getWeather/execute"}}}}*/
import { tool } from "ai";
import { z } from "zod";
import { lookupWeather } from "./weather-api";

export const getWeather = tool({
  description: "Get the weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: Object.assign(async ({ city }: { city: string }) => {
    return lookupWeather(city);
  }, { stepId: "step//./src/object-step-in-tool-call/input//getWeather/execute" }),
});
