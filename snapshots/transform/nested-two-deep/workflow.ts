/**__internal_workflows{"workflows":{"src/nested-two-deep/input.ts":{"flow":{"workflowId":"workflow//./src/nested-two-deep/input//flow"}}},"steps":{"src/nested-two-deep/input.ts":{"flow/cb/deeper":{"stepId":"step//./src/nested-two-deep/input//flow/cb/deeper"}}}}*/
export async function flow(userIds: string[]) {
  const cb = async (id: string) => {
    const deeper = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-two-deep/input//flow/cb/deeper", () => ({ id }));
    return deeper();
  };
  return Promise.all(userIds.map(cb));
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-two-deep/input//flow", flow);
