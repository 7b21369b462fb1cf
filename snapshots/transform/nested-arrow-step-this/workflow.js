/**__internal_workflows{"steps":{"src/nested-arrow-step-this/input.js":{"createLogger/log":{"stepId":"step//./src/nested-arrow-step-this/input//createLogger/log"}}}}*/
export function createLogger(prefix) {
  const log = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/nested-arrow-step-this/input//createLogger/log", () => ({ prefix })).bind(this);
  return log;
}
