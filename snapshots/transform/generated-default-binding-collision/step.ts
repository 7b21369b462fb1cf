/**__internal_workflows{"workflows":{"src/generated-default-binding-collision/input.ts":{"default":{"workflowId":"workflow//./src/generated-default-binding-collision/input//default"}}}}*/
const __default = "taken";
export default async function __default$2 () { throw new Error("Workflow \"default\" was called directly. A workflow runs durably only when started: use start(__default$2, [args]) from \"workflow/api\"."); }
__default$2.workflowId = "workflow//./src/generated-default-binding-collision/input//default";
