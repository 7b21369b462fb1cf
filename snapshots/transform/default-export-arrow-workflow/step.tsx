/**__internal_workflows{"workflows":{"src/default-export-arrow-workflow/input.tsx":{"default":{"workflowId":"workflow//./src/default-export-arrow-workflow/input//default"}}}}*/
import { add } from "./steps";

export default Object.assign(async (a: number) => { throw new Error("Workflow \"default\" was called directly. A workflow runs durably only when started: use start(workflow, [args]) from \"workflow/api\"."); }, { workflowId: "workflow//./src/default-export-arrow-workflow/input//default" });
