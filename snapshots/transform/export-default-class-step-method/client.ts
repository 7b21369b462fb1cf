/**__internal_workflows{"steps":{"src/export-default-class-step-method/input.ts":{"__DefaultClass.ping":{"stepId":"step//./src/export-default-class-step-method/input//__DefaultClass.ping"}}},"classes":{"src/export-default-class-step-method/input.ts":{"__DefaultClass":{"classId":"class//./src/export-default-class-step-method/input//__DefaultClass"}}}}*/
export default class __DefaultClass {
  static async ping(host: string) {
    return `pong from ${host}`;
  }
}
Object.defineProperty(__DefaultClass, "classId", { value: "class//./src/export-default-class-step-method/input//__DefaultClass", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/export-default-class-step-method/input//__DefaultClass", __DefaultClass);
