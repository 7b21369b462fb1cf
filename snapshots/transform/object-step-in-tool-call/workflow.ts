/**__internal_workflows{"steps":{"src/object-step-in-tool-call/input.ts":{"getWeather/execute":{"stepId":"step//./src/object-step-in-tool-call/input//getWeather/execute"}}}}*/
import { tool } from "ai";
import { z } from "zod";

export const getWeather = tool({
  description: "Get the weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-step-in-tool-call/input//getWeather/execute"),
});
