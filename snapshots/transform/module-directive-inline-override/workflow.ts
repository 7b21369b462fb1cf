/**__internal_workflows{"workflows":{"src/module-directive-inline-override/input.ts":{"quote":{"workflowId":"workflow//./src/module-directive-inline-override/input//quote"}}},"steps":{"src/module-directive-inline-override/input.ts":{"fetchPrice":{"stepId":"step//./src/module-directive-inline-override/input//fetchPrice"}}}}*/
export var fetchPrice = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/module-directive-inline-override/input//fetchPrice");


export async function quote(skus: string[]) {
  let total = 0;
  for (const sku of skus) total += await fetchPrice(sku);
  return total;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/module-directive-inline-override/input//quote", quote);
