/**__internal_workflows{"workflows":{"src/decorators/input.ts":{"nightly":{"workflowId":"workflow//./src/decorators/input//nightly"}}},"steps":{"src/decorators/input.ts":{"Jobs.cleanup":{"stepId":"step//./src/decorators/input//Jobs.cleanup"}}},"classes":{"src/decorators/input.ts":{"Jobs":{"classId":"class//./src/decorators/input//Jobs"}}}}*/
function sealed(constructor: Function) {
  Object.seal(constructor);
}

function logged(value: unknown, context: ClassMethodDecoratorContext) {
  return value;
}

@sealed
export class Jobs {
  @logged
  describe() {
    return "jobs";
  }

  static async cleanup(days: number) {
    return days;
  }
}
Object.defineProperty(Jobs, "classId", { value: "class//./src/decorators/input//Jobs", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/decorators/input//Jobs", Jobs);

export async function nightly() { throw new Error("Workflow \"nightly\" was called directly. A workflow runs durably only when started: use start(nightly, [args]) from \"workflow/api\"."); }
nightly.workflowId = "workflow//./src/decorators/input//nightly";
