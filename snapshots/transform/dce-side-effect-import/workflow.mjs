/**__internal_workflows{"workflows":{"src/dce-side-effect-import/input.mjs":{"session":{"workflowId":"workflow//./src/dce-side-effect-import/input//session"}}},"steps":{"src/dce-side-effect-import/input.mjs":{"record":{"stepId":"step//./src/dce-side-effect-import/input//record"}}}}*/
export var record = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/dce-side-effect-import/input//record");
import "./polyfill";
import "reflect-metadata";


export async function session(events) {
  for (const e of events) await record(e);
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/dce-side-effect-import/input//session", session);
