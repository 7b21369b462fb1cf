/**__internal_workflows{"workflows":{"src/nested-anonymous-callback-step/input.tsx":{"processAll":{"workflowId":"workflow//./src/nested-anonymous-callback-step/input//processAll"}}},"steps":{"src/nested-anonymous-callback-step/input.tsx":{"processAll/_anonymousStep0":{"stepId":"step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep0"},"processAll/_anonymousStep1":{"stepId":"step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep1"}}}}*/
export async function processAll(items: string[]) {
  const upper = await Promise.all(
    items.map(globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep0")),
  );
  const lengths = await Promise.all(
    upper.map(globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-anonymous-callback-step/input//processAll/_anonymousStep1")),
  );
  return lengths;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/nested-anonymous-callback-step/input//processAll", processAll);
