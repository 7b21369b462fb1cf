/**__internal_workflows{"workflows":{"src/nested-function-expression-step/input.ts":{"report":{"workflowId":"workflow//./src/nested-function-expression-step/input//report"}}},"steps":{"src/nested-function-expression-step/input.ts":{"report/summarize":{"stepId":"step//./src/nested-function-expression-step/input//report/summarize"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export async function report(day: string) { throw new Error("Workflow \"report\" was called directly. A workflow runs durably only when started: use start(report, [args]) from \"workflow/api\"."); }
report.workflowId = "workflow//./src/nested-function-expression-step/input//report";

var report$summarize = async function (rows: number[]) {
    return rows.reduce((a, b) => a + b, 0);
  };
__wf_registerStepFunction("step//./src/nested-function-expression-step/input//report/summarize", report$summarize);