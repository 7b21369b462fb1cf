/**__internal_workflows{"workflows":{"src/nested-in-static-method-workflow/input.ts":{"Pipeline.run":{"workflowId":"workflow//./src/nested-in-static-method-workflow/input//Pipeline.run"}}},"steps":{"src/nested-in-static-method-workflow/input.ts":{"Pipeline.run/clean":{"stepId":"step//./src/nested-in-static-method-workflow/input//Pipeline.run/clean"}}}}*/
export class Pipeline {
  static async run(input: string) { throw new Error("Workflow \"Pipeline.run\" was called directly. A workflow runs durably only when started: use start(Pipeline.run, [args]) from \"workflow/api\"."); }
}
Pipeline.run.workflowId = "workflow//./src/nested-in-static-method-workflow/input//Pipeline.run";
