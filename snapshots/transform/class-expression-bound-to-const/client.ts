/**__internal_workflows{"steps":{"src/class-expression-bound-to-const/input.ts":{"Mailer.send":{"stepId":"step//./src/class-expression-bound-to-const/input//Mailer.send"}}},"classes":{"src/class-expression-bound-to-const/input.ts":{"Mailer":{"classId":"class//./src/class-expression-bound-to-const/input//Mailer"}}}}*/
export const Mailer = class {
  static async send(to: string) {
    return `sent to ${to}`;
  }
};
Object.defineProperty(Mailer, "classId", { value: "class//./src/class-expression-bound-to-const/input//Mailer", writable: false, enumerable: false, configurable: false });
(globalThis[Symbol.for("workflow-class-registry")] ??= new Map()).set("class//./src/class-expression-bound-to-const/input//Mailer", Mailer);
