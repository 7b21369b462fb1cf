/**__internal_workflows{"workflows":{"src/object-step-inside-workflow/input.ts":{"forecast":{"workflowId":"workflow//./src/object-step-inside-workflow/input//forecast"}}},"steps":{"src/object-step-inside-workflow/input.ts":{"forecast/helpers/ping":{"stepId":"step//./src/object-step-inside-workflow/input//forecast/helpers/ping"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function forecast(city: string) { throw new Error("Workflow \"forecast\" was called directly. A workflow runs durably only when started: use start(forecast, [args]) from \"workflow/api\"."); }
forecast.workflowId = "workflow//./src/object-step-inside-workflow/input//forecast";

var forecast$helpers$ping = function (...args) { let { city } = __wf_getStepClosureVars(); return (async function () {
      return `pong:${city}`;
    }).apply(this, args); };
__wf_registerStepFunction("step//./src/object-step-inside-workflow/input//forecast/helpers/ping", forecast$helpers$ping);