/**__internal_workflows{"workflows":{"src/module-directive-inline-override/input.ts":{"quote":{"workflowId":"workflow//./src/module-directive-inline-override/input//quote"}}},"steps":{"src/module-directive-inline-override/input.ts":{"fetchPrice":{"stepId":"step//./src/module-directive-inline-override/input//fetchPrice"}}}}*/

export async function fetchPrice(sku: string) {
  return sku.length * 100;
}
fetchPrice.stepId = "step//./src/module-directive-inline-override/input//fetchPrice";

export async function quote(skus: string[]) { throw new Error("Workflow \"quote\" was called directly. A workflow runs durably only when started: use start(quote, [args]) from \"workflow/api\"."); }
quote.workflowId = "workflow//./src/module-directive-inline-override/input//quote";
