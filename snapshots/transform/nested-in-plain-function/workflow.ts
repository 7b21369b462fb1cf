/**__internal_workflows{"steps":{"src/nested-in-plain-function/input.ts":{"makeScaler/_anonymousStep0":{"stepId":"step//./src/nested-in-plain-function/input//makeScaler/_anonymousStep0"}}}}*/
export function makeScaler(factor: number) {
  return globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-in-plain-function/input//makeScaler/_anonymousStep0", () => ({ factor }));
}
