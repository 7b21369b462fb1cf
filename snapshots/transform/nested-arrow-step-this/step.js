/**__internal_workflows{"steps":{"src/nested-arrow-step-this/input.js":{"createLogger/log":{"stepId":"step//./src/nested-arrow-step-this/input//createLogger/log"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export function createLogger(prefix) {
  const log = async (msg) => {
    return `${prefix}${this.name}: ${msg}`;
  };
  return log;
}

var createLogger$log = function (...args) { let { prefix } = __wf_getStepClosureVars(); return (async function (msg)  {
    return `${prefix}${this.name}: ${msg}`;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-arrow-step-this/input//createLogger/log", createLogger$log);