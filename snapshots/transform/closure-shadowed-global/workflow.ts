/**__internal_workflows{"workflows":{"src/closure-shadowed-global/input.ts":{"crawl":{"workflowId":"workflow//./src/closure-shadowed-global/input//crawl"}}},"steps":{"src/closure-shadowed-global/input.ts":{"crawl/load":{"stepId":"step//./src/closure-shadowed-global/input//crawl/load"}}}}*/
export async function crawl(url: string) {
  const fetch = "cache-only";
  const load = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-shadowed-global/input//crawl/load", () => ({ fetch, url }));
  return load();
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-shadowed-global/input//crawl", crawl);
