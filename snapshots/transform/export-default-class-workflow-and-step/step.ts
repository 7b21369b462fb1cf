/**__internal_workflows{"workflows":{"src/export-default-class-workflow-and-step/input.ts":{"__DefaultClass.run":{"workflowId":"workflow//./src/export-default-class-workflow-and-step/input//__DefaultClass.run"}}},"steps":{"src/export-default-class-workflow-and-step/input.ts":{"__DefaultClass#save":{"stepId":"step//./src/export-default-class-workflow-and-step/input//__DefaultClass#save"}}},"classes":{"src/export-default-class-workflow-and-step/input.ts":{"__DefaultClass":{"classId":"class//./src/export-default-class-workflow-and-step/input//__DefaultClass"}}}}*/
import { registerStepFunction as __wf_registerStepFunction } from "workflow/internal/private";
export default class __DefaultClass {
  static async run() { throw new Error("Workflow \"__DefaultClass.run\" was called directly. A workflow runs durably only when started: use start(__DefaultClass.run, [args]) from \"workflow/api\"."); }
  async save() {
    return 2;
  }
}
__DefaultClass.run.workflowId = "workflow//./src/export-default-class-workflow-and-step/input//__DefaultClass.run";
Object.defineProperty(__DefaultClass, "classId", { value: "class//./src/export-default-class-workflow-and-step/input//__DefaultClass", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/export-default-class-workflow-and-step/input//__DefaultClass", __DefaultClass);

__wf_registerStepFunction("step//./src/export-default-class-workflow-and-step/input//__DefaultClass#save", __DefaultClass.prototype.save);
