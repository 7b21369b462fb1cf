/**
 * Workflows for the timeout crash tests. Steps append `start <name> <attempt>` lines to
 * $CRASH_LOG, so the test can count executions across processes.
 */
import { appendFileSync } from "node:fs";
import { getStepMetadata, sleep } from "workflow";

function record(line: string): void {
  appendFileSync(process.env.CRASH_LOG!, `${line}\n`);
}

/** Sleeps far longer than its run timeout. */
export async function sleepsLong() {
  "use workflow";
  await sleep("60s");
  return "woke";
}

/** Its step hangs on attempt 1 (the test kills the process there) and returns on attempt 2. */
export async function hangsOnce() {
  "use workflow";
  return await hang();
}

async function hang(): Promise<string> {
  "use step";
  const { attempt } = getStepMetadata();
  record(`start hang ${attempt}`);
  if (attempt === 1) await new Promise(() => {});
  return `done on attempt ${attempt}`;
}
hang.timeout = 800;
hang.retry = { maxAttempts: 2, backoff: "fixed", initialDelay: 0, jitter: false } as const;
