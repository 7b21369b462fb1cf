/**__internal_workflows{"workflows":{"src/defect-02-steps-in-non-declaration-workflows/input.ts":{"Flows.run":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run"},"arrowFlow":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow"},"exprFlow":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow"}}},"steps":{"src/defect-02-steps-in-non-declaration-workflows/input.ts":{"Flows.run/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run/inner"},"arrowFlow/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow/inner"},"exprFlow/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow/inner"}}}}*/
export const arrowFlow = async (n: number) => { throw new Error("Workflow \"arrowFlow\" was called directly. A workflow runs durably only when started: use start(arrowFlow, [args]) from \"workflow/api\"."); };
arrowFlow.workflowId = "workflow//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow";

export const exprFlow = async function (n: number) { throw new Error("Workflow \"exprFlow\" was called directly. A workflow runs durably only when started: use start(exprFlow, [args]) from \"workflow/api\"."); };
exprFlow.workflowId = "workflow//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow";

export class Flows {
  static async run(n: number) { throw new Error("Workflow \"Flows.run\" was called directly. A workflow runs durably only when started: use start(Flows.run, [args]) from \"workflow/api\"."); }
}
Flows.run.workflowId = "workflow//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run";
