/**__internal_workflows{"workflows":{"src/default-export-arrow-workflow/input.tsx":{"default":{"workflowId":"workflow//./src/default-export-arrow-workflow/input//default"}}}}*/
import { add } from "./steps";

export default globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/default-export-arrow-workflow/input//default", async (a: number) => {
  return add(a, 1);
});
