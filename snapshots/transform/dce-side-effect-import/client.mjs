/**__internal_workflows{"workflows":{"src/dce-side-effect-import/input.mjs":{"session":{"workflowId":"workflow//./src/dce-side-effect-import/input//session"}}},"steps":{"src/dce-side-effect-import/input.mjs":{"record":{"stepId":"step//./src/dce-side-effect-import/input//record"}}}}*/
import "./polyfill";
import "reflect-metadata";
import { track } from "./analytics";

export async function record(event) {
  track(event);
}
record.stepId = "step//./src/dce-side-effect-import/input//record";

export async function session(events) { throw new Error("Workflow \"session\" was called directly. A workflow runs durably only when started: use start(session, [args]) from \"workflow/api\"."); }
session.workflowId = "workflow//./src/dce-side-effect-import/input//session";
