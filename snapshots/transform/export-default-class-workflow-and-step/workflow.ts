/**__internal_workflows{"workflows":{"src/export-default-class-workflow-and-step/input.ts":{"__DefaultClass.run":{"workflowId":"workflow//./src/export-default-class-workflow-and-step/input//__DefaultClass.run"}}},"steps":{"src/export-default-class-workflow-and-step/input.ts":{"__DefaultClass#save":{"stepId":"step//./src/export-default-class-workflow-and-step/input//__DefaultClass#save"}}},"classes":{"src/export-default-class-workflow-and-step/input.ts":{"__DefaultClass":{"classId":"class//./src/export-default-class-workflow-and-step/input//__DefaultClass"}}}}*/
export default class __DefaultClass {
  static async run() {
    return 1;
  }
  
}
__DefaultClass.prototype.save = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/export-default-class-workflow-and-step/input//__DefaultClass#save");
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/export-default-class-workflow-and-step/input//__DefaultClass.run", __DefaultClass.run);
Object.defineProperty(__DefaultClass, "classId", { value: "class//./src/export-default-class-workflow-and-step/input//__DefaultClass", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/export-default-class-workflow-and-step/input//__DefaultClass", __DefaultClass);
