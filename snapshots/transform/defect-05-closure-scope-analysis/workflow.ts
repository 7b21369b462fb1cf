/**__internal_workflows{"workflows":{"src/defect-05-closure-scope-analysis/input.ts":{"tally":{"workflowId":"workflow//./src/defect-05-closure-scope-analysis/input//tally"}}},"steps":{"src/defect-05-closure-scope-analysis/input.ts":{"tally/add":{"stepId":"step//./src/defect-05-closure-scope-analysis/input//tally/add"},"tally/helpers/ping":{"stepId":"step//./src/defect-05-closure-scope-analysis/input//tally/helpers/ping"}}}}*/
export async function tally(items: string[]) {
  let total = 0;
  const fetch = "cache";
  const add = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-05-closure-scope-analysis/input//tally/add", () => ({ fetch, total }));
  const helpers = {
    ping: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-05-closure-scope-analysis/input//tally/helpers/ping", () => ({ items })),
  };
  for (const item of items) await add(item);
  await helpers.ping();
  return total;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-05-closure-scope-analysis/input//tally", tally);
