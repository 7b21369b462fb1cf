/**__internal_workflows{"workflows":{"src/nested-in-static-method-workflow/input.ts":{"Pipeline.run":{"workflowId":"workflow//./src/nested-in-static-method-workflow/input//Pipeline.run"}}},"steps":{"src/nested-in-static-method-workflow/input.ts":{"Pipeline.run/clean":{"stepId":"step//./src/nested-in-static-method-workflow/input//Pipeline.run/clean"}}}}*/
export class Pipeline {
  static async run(input: string) {
    const clean = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-in-static-method-workflow/input//Pipeline.run/clean", () => ({ input }));
    return clean();
  }
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-in-static-method-workflow/input//Pipeline.run", Pipeline.run);
