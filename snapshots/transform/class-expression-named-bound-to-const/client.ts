/**__internal_workflows{"steps":{"src/class-expression-named-bound-to-const/input.ts":{"Repo#find":{"stepId":"step//./src/class-expression-named-bound-to-const/input//Repo#find"}}},"classes":{"src/class-expression-named-bound-to-const/input.ts":{"Repo":{"classId":"class//./src/class-expression-named-bound-to-const/input//Repo"}}}}*/
export const Repo = class Named {
  async find(id: string) {
    return id;
  }
};
Object.defineProperty(Repo, "classId", { value: "class//./src/class-expression-named-bound-to-const/input//Repo", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/class-expression-named-bound-to-const/input//Repo", Repo);
