/**__internal_workflows{"workflows":{"src/defect-03-nested-ids-consistent/input.ts":{"flow":{"workflowId":"workflow//./src/defect-03-nested-ids-consistent/input//flow"}}},"steps":{"src/defect-03-nested-ids-consistent/input.ts":{"flow/cb/deeper":{"stepId":"step//./src/defect-03-nested-ids-consistent/input//flow/cb/deeper"},"makeNamed/addBase":{"stepId":"step//./src/defect-03-nested-ids-consistent/input//makeNamed/addBase"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export function makeNamed(base: number) {
  async function addBase(x: number) {
    return x + base;
  }
  return addBase;
}

export async function flow(xs: number[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/defect-03-nested-ids-consistent/input//flow";

var flow$cb$deeper = function (...args) { let { x } = __wf_getStepClosureVars(); return (async function deeper() {
      return x * 2;
    }).apply(this, args); };
var makeNamed$addBase = function (...args) { let { base } = __wf_getStepClosureVars(); return (async function addBase(x: number) {
    return x + base;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/defect-03-nested-ids-consistent/input//makeNamed/addBase", makeNamed$addBase);
__wf_registerStepFunction("step//./src/defect-03-nested-ids-consistent/input//flow/cb/deeper", flow$cb$deeper);