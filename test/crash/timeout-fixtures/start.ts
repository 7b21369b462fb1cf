/** Starts $FLOW (with $RUN_TIMEOUT_MS as its run timeout, if set), prints its ID, awaits it. */
import { start } from "workflow/api";
import { hangsOnce, sleepsLong } from "./timeout-flow.js";

const flow = process.env.FLOW === "hangsOnce" ? hangsOnce : sleepsLong;
const timeout = process.env.RUN_TIMEOUT_MS ? Number(process.env.RUN_TIMEOUT_MS) : undefined;
const run = await start(flow, [], timeout === undefined ? {} : { timeout });
console.log(`run ${run.runId}`);
console.log(`result ${JSON.stringify(await run.returnValue)}`);
