/**__internal_workflows{"workflows":{"src/nested-step-uses-import/input.ts":{"onboard":{"workflowId":"workflow//./src/nested-step-uses-import/input//onboard"}}},"steps":{"src/nested-step-uses-import/input.ts":{"onboard/notify":{"stepId":"step//./src/nested-step-uses-import/input//onboard/notify"}}}}*/
export async function onboard(email: string) { throw new Error("Workflow \"onboard\" was called directly. A workflow runs durably only when started: use start(onboard, [args]) from \"workflow/api\"."); }
onboard.workflowId = "workflow//./src/nested-step-uses-import/input//onboard";
