/**__internal_workflows{"steps":{"src/default-export-tool-call/input.ts":{"default/execute":{"stepId":"step//./src/default-export-tool-call/input//default/execute"}}}}*/
import { tool } from "ai";
export default tool({
  execute: Object.assign(async () => {
    return 1;
  }, { stepId: "step//./src/default-export-tool-call/input//default/execute" }),
});
