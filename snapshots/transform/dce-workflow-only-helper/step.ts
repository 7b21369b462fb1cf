/**__internal_workflows{"workflows":{"src/dce-workflow-only-helper/input.ts":{"plan":{"workflowId":"workflow//./src/dce-workflow-only-helper/input//plan"}}},"steps":{"src/dce-workflow-only-helper/input.ts":{"double":{"stepId":"step//./src/dce-workflow-only-helper/input//double"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
import { retryPolicy } from "./policy";

function range(n: number) {
  return Array.from({ length: n }, (_, i) => i);
}

function buildPlan(n: number) {
  return range(Math.min(n, MAX));
}

const MAX = 3;

export async function double(i: number) {
  return i * 2;
}

export async function plan(n: number) { throw new Error("Workflow \"plan\" was called directly. A workflow runs durably only when started: use start(plan, [args]) from \"workflow/api\"."); }
plan.workflowId = "workflow//./src/dce-workflow-only-helper/input//plan";

__wf_registerStepFunction("step//./src/dce-workflow-only-helper/input//double", double);
