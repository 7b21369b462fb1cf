/**__internal_workflows{"workflows":{"src/defect-10-module-workflow-client-throws/input.ts":{"viaArrow":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaArrow"},"viaBlockArrow":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaBlockArrow"},"viaDeclaration":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaDeclaration"},"viaExpression":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaExpression"}}}}*/


export async function viaDeclaration() { throw new Error("Workflow \"viaDeclaration\" was called directly. A workflow runs durably only when started: use start(viaDeclaration, [args]) from \"workflow/api\"."); }
viaDeclaration.workflowId = "workflow//./src/defect-10-module-workflow-client-throws/input//viaDeclaration";

export const viaArrow = async () => (() => { throw new Error("Workflow \"viaArrow\" was called directly. A workflow runs durably only when started: use start(viaArrow, [args]) from \"workflow/api\"."); })();
viaArrow.workflowId = "workflow//./src/defect-10-module-workflow-client-throws/input//viaArrow";

export const viaBlockArrow = async () => { throw new Error("Workflow \"viaBlockArrow\" was called directly. A workflow runs durably only when started: use start(viaBlockArrow, [args]) from \"workflow/api\"."); };
viaBlockArrow.workflowId = "workflow//./src/defect-10-module-workflow-client-throws/input//viaBlockArrow";

export const viaExpression = async function () { throw new Error("Workflow \"viaExpression\" was called directly. A workflow runs durably only when started: use start(viaExpression, [args]) from \"workflow/api\"."); };
viaExpression.workflowId = "workflow//./src/defect-10-module-workflow-client-throws/input//viaExpression";
