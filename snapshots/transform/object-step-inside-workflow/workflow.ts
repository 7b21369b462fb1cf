/**__internal_workflows{"workflows":{"src/object-step-inside-workflow/input.ts":{"forecast":{"workflowId":"workflow//./src/object-step-inside-workflow/input//forecast"}}},"steps":{"src/object-step-inside-workflow/input.ts":{"forecast/helpers/ping":{"stepId":"step//./src/object-step-inside-workflow/input//forecast/helpers/ping"}}}}*/
export async function forecast(city: string) {
  const helpers = {
    ping: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/object-step-inside-workflow/input//forecast/helpers/ping", () => ({ city })),
  };
  return helpers.ping();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/object-step-inside-workflow/input//forecast", forecast);
