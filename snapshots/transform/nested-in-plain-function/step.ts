/**__internal_workflows{"steps":{"src/nested-in-plain-function/input.ts":{"makeScaler/_anonymousStep0":{"stepId":"step//./src/nested-in-plain-function/input//makeScaler/_anonymousStep0"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export function makeScaler(factor: number) {
  return async (value: number) => {
    return value * factor;
  };
}

var makeScaler$_anonymousStep0 = function (...args) { let { factor } = __wf_getStepClosureVars(); return (async (value: number) => {
    return value * factor;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/nested-in-plain-function/input//makeScaler/_anonymousStep0", makeScaler$_anonymousStep0);