/**__internal_workflows{"workflows":{"src/dce-workflow-only-helper/input.ts":{"plan":{"workflowId":"workflow//./src/dce-workflow-only-helper/input//plan"}}},"steps":{"src/dce-workflow-only-helper/input.ts":{"double":{"stepId":"step//./src/dce-workflow-only-helper/input//double"}}}}*/
export var double = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-workflow-only-helper/input//double");
import { retryPolicy } from "./policy";

function range(n: number) {
  return Array.from({ length: n }, (_, i) => i);
}

function buildPlan(n: number) {
  return range(Math.min(n, MAX));
}

const MAX = 3;


export async function plan(n: number) {
  const results: number[] = [];
  for (const i of buildPlan(n)) results.push(await double(i));
  return { results, retryPolicy };
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-workflow-only-helper/input//plan", plan);
