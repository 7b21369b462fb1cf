/**__internal_workflows{"steps":{"src/default-export-tool-call/input.ts":{"default/execute":{"stepId":"step//./src/default-export-tool-call/input//default/execute"}}}}*/
import { tool } from "ai";
export default tool({
  execute: globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/default-export-tool-call/input//default/execute"),
});
