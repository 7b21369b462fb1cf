/**__internal_workflows{"workflows":{"src/defect-02-steps-in-non-declaration-workflows/input.ts":{"Flows.run":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run"},"arrowFlow":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow"},"exprFlow":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow"}}},"steps":{"src/defect-02-steps-in-non-declaration-workflows/input.ts":{"Flows.run/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run/inner"},"arrowFlow/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow/inner"},"exprFlow/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow/inner"}}}}*/
import { getStepClosureVars as __wf_getStepClosureVars, registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export const arrowFlow = async (n: number) => { throw new Error("Workflow \"arrowFlow\" was called directly. A workflow runs durably only when started: use start(arrowFlow, [args]) from \"workflow/api\"."); };
arrowFlow.workflowId = "workflow//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow";

export const exprFlow = async function (n: number) { throw new Error("Workflow \"exprFlow\" was called directly. A workflow runs durably only when started: use start(exprFlow, [args]) from \"workflow/api\"."); };
exprFlow.workflowId = "workflow//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow";

export class Flows {
  static async run(n: number) { throw new Error("Workflow \"Flows.run\" was called directly. A workflow runs durably only when started: use start(Flows.run, [args]) from \"workflow/api\"."); }
}
Flows.run.workflowId = "workflow//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run";

var Flows$run$inner = function (...args) { let { n } = __wf_getStepClosureVars(); return (async () => {
      return n * 3;
    }).apply(this, args); };
var exprFlow$inner = function (...args) { let { n } = __wf_getStepClosureVars(); return (async function inner() {
    return n * 2;
  }).apply(this, args); };
var arrowFlow$inner = function (...args) { let { n } = __wf_getStepClosureVars(); return (async () => {
    return n;
  }).apply(this, args); };
__wf_registerStepFunction("step//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow/inner", arrowFlow$inner);
__wf_registerStepFunction("step//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow/inner", exprFlow$inner);
__wf_registerStepFunction("step//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run/inner", Flows$run$inner);