/**__internal_workflows{"workflows":{"src/defect-10-module-workflow-client-throws/input.ts":{"viaArrow":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaArrow"},"viaBlockArrow":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaBlockArrow"},"viaDeclaration":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaDeclaration"},"viaExpression":{"workflowId":"workflow//./src/defect-10-module-workflow-client-throws/input//viaExpression"}}}}*/

import { step } from "./steps";

export async function viaDeclaration() {
  return step(1);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-10-module-workflow-client-throws/input//viaDeclaration", viaDeclaration);

export const viaArrow = async () => step(2);
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-10-module-workflow-client-throws/input//viaArrow", viaArrow);

export const viaBlockArrow = async () => {
  return step(3);
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-10-module-workflow-client-throws/input//viaBlockArrow", viaBlockArrow);

export const viaExpression = async function () {
  return step(4);
};
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-10-module-workflow-client-throws/input//viaExpression", viaExpression);
