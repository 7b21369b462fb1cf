/**
 * A fresh process on the same data directory: prints how the run $RUN_ID ends, and exits (a
 * run that timed out may leave a wake-up queued for its sleep's end, which would keep it alive).
 */
import { getRun } from "workflow/api";
import { WorkflowRunFailedError } from "workflow/errors";

try {
  console.log(`result ${JSON.stringify(await getRun(process.env.RUN_ID!).returnValue)}`);
} catch (error) {
  if (!WorkflowRunFailedError.is(error)) throw error;
  console.log(`failed ${JSON.stringify(error.error)}`);
}
process.exit(0);
