/**__internal_workflows{"workflows":{"src/closure-local-enum-and-types/input.ts":{"flow":{"workflowId":"workflow//./src/closure-local-enum-and-types/input//flow"}}},"steps":{"src/closure-local-enum-and-types/input.ts":{"flow/sum":{"stepId":"step//./src/closure-local-enum-and-types/input//flow/sum"}}}}*/
export async function flow(rows: number[]) {
  type Row = { value: number };
  interface Totals { sum: number }
  enum Mode { Fast, Slow }
  const sum = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/closure-local-enum-and-types/input//flow/sum", () => ({ Mode }));
  return sum(rows.map((value) => ({ value })));
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/closure-local-enum-and-types/input//flow", flow);
