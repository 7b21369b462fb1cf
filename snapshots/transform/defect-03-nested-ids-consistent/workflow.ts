/**__internal_workflows{"workflows":{"src/defect-03-nested-ids-consistent/input.ts":{"flow":{"workflowId":"workflow//./src/defect-03-nested-ids-consistent/input//flow"}}},"steps":{"src/defect-03-nested-ids-consistent/input.ts":{"flow/cb/deeper":{"stepId":"step//./src/defect-03-nested-ids-consistent/input//flow/cb/deeper"},"makeNamed/addBase":{"stepId":"step//./src/defect-03-nested-ids-consistent/input//makeNamed/addBase"}}}}*/
export function makeNamed(base: number) {
var addBase = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-03-nested-ids-consistent/input//makeNamed/addBase", () => ({ base }));
  
  return addBase;
}

export async function flow(xs: number[]) {
  const cb = async (x: number) => {
var deeper = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/defect-03-nested-ids-consistent/input//flow/cb/deeper", () => ({ x }));
    
    return deeper();
  };
  return Promise.all(xs.map(cb));
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/defect-03-nested-ids-consistent/input//flow", flow);
