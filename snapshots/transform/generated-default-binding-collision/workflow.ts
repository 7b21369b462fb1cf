/**__internal_workflows{"workflows":{"src/generated-default-binding-collision/input.ts":{"default":{"workflowId":"workflow//./src/generated-default-binding-collision/input//default"}}}}*/
const __default = "taken";
export default async function __default$2 () {
  return __default;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/generated-default-binding-collision/input//default", __default$2);
