/**__internal_workflows{"workflows":{"src/defect-03-nested-ids-consistent/input.ts":{"flow":{"workflowId":"workflow//./src/defect-03-nested-ids-consistent/input//flow"}}},"steps":{"src/defect-03-nested-ids-consistent/input.ts":{"flow/cb/deeper":{"stepId":"step//./src/defect-03-nested-ids-consistent/input//flow/cb/deeper"},"makeNamed/addBase":{"stepId":"step//./src/defect-03-nested-ids-consistent/input//makeNamed/addBase"}}}}*/
export function makeNamed(base: number) {
  async function addBase(x: number) {
    return x + base;
  }
  return addBase;
}

export async function flow(xs: number[]) { throw new Error("Workflow \"flow\" was called directly. A workflow runs durably only when started: use start(flow, [args]) from \"workflow/api\"."); }
flow.workflowId = "workflow//./src/defect-03-nested-ids-consistent/input//flow";
