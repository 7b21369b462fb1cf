/**__internal_workflows{"workflows":{"src/step-in-module-level-block/input.ts":{"main":{"workflowId":"workflow//./src/step-in-module-level-block/input//main"}}},"steps":{"src/step-in-module-level-block/input.ts":{"ping":{"stepId":"step//./src/step-in-module-level-block/input//ping"},"warmCache":{"stepId":"step//./src/step-in-module-level-block/input//warmCache"}}}}*/
// Steps declared inside a block at module level are block-scoped: the step bundle must not
// register them by a name the module scope cannot see.
for (const region of ["eu", "us"]) {
  async function warmCache() {
    return `warmed ${region}`;
  }
  const ping = async () => {
    return region;
  };
  void warmCache;
  void ping;
}

export async function main() { throw new Error("Workflow \"main\" was called directly. A workflow runs durably only when started: use start(main, [args]) from \"workflow/api\"."); }
main.workflowId = "workflow//./src/step-in-module-level-block/input//main";
