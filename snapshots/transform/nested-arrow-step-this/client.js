/**__internal_workflows{"steps":{"src/nested-arrow-step-this/input.js":{"createLogger/log":{"stepId":"step//./src/nested-arrow-step-this/input//createLogger/log"}}}}*/
export function createLogger(prefix) {
  const log = async (msg) => {
    return `${prefix}${this.name}: ${msg}`;
  };
  return log;
}
