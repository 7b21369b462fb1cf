/**__internal_workflows{"workflows":{"src/defect-02-steps-in-non-declaration-workflows/input.ts":{"Flows.run":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run"},"arrowFlow":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow"},"exprFlow":{"workflowId":"workflow//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow"}}},"steps":{"src/defect-02-steps-in-non-declaration-workflows/input.ts":{"Flows.run/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run/inner"},"arrowFlow/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow/inner"},"exprFlow/inner":{"stepId":"step//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow/inner"}}}}*/
export const arrowFlow = async (n: number) => {
  const inner = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow/inner", () => ({ n }));
  return inner();
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-02-steps-in-non-declaration-workflows/input//arrowFlow", arrowFlow);

export const exprFlow = async function (n: number) {
var inner = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow/inner", () => ({ n }));
  
  return inner();
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-02-steps-in-non-declaration-workflows/input//exprFlow", exprFlow);

export class Flows {
  static async run(n: number) {
    const inner = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run/inner", () => ({ n }));
    return inner();
  }
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-02-steps-in-non-declaration-workflows/input//Flows.run", Flows.run);
