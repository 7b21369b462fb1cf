/**__internal_workflows{"workflows":{"src/step-in-module-level-block/input.ts":{"main":{"workflowId":"workflow//./src/step-in-module-level-block/input//main"}}},"steps":{"src/step-in-module-level-block/input.ts":{"ping":{"stepId":"step//./src/step-in-module-level-block/input//ping"},"warmCache":{"stepId":"step//./src/step-in-module-level-block/input//warmCache"}}}}*/
// Steps declared inside a block at module level are block-scoped: the step bundle must not
// register them by a name the module scope cannot see.
for (const region of ["eu", "us"]) {
var warmCache = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/step-in-module-level-block/input//warmCache", () => ({ region }));
  
  const ping = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/step-in-module-level-block/input//ping", () => ({ region }));
  void warmCache;
  void ping;
}

export async function main() {
  return "done";
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/step-in-module-level-block/input//main", main);
