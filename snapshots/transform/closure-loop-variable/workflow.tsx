/**__internal_workflows{"workflows":{"src/closure-loop-variable/input.tsx":{"batch":{"workflowId":"workflow//./src/closure-loop-variable/input//batch"}}},"steps":{"src/closure-loop-variable/input.tsx":{"batch/fetchPage":{"stepId":"step//./src/closure-loop-variable/input//batch/fetchPage"}}}}*/
export async function batch(pages: number) {
  const out: string[] = [];
  for (let page = 0; page < pages; page++) {
    const fetchPage = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-loop-variable/input//batch/fetchPage", () => ({ page }));
    out.push(await fetchPage());
  }
  return out;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-loop-variable/input//batch", batch);
