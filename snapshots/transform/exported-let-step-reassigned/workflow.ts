/**__internal_workflows{"steps":{"src/exported-let-step-reassigned/input.ts":{"handler":{"stepId":"step//./src/exported-let-step-reassigned/input//handler"}}}}*/
import { wrap } from "./wrap";
export let handler = globalThis[Symbol.for("WORKFLOW_USE_STEP")]("step//./src/exported-let-step-reassigned/input//handler");
handler = wrap(handler);
