/**__internal_workflows{"workflows":{"src/default-export-named-workflow/input.ts":{"checkout":{"workflowId":"workflow//./src/default-export-named-workflow/input//checkout"}}}}*/

export default async function checkout(cardId: string, amount: number) { throw new Error("Workflow \"checkout\" was called directly. A workflow runs durably only when started: use start(checkout, [args]) from \"workflow/api\"."); }
checkout.workflowId = "workflow//./src/default-export-named-workflow/input//checkout";
