import { getStepMetadata, getWorkflowMetadata, RetryableError, sleep } from "workflow";

/** Sleeps for `duration` (any form sleep() takes) and reports the workflow clock around it. */
export async function sleepFor(duration: string | number) {
  "use workflow";
  const before = Date.now();
  await sleep(duration);
  return { before, after: Date.now() };
}

/** Sleeps until a Date computed from the workflow clock. */
export async function sleepUntil(offsetMs: number) {
  "use workflow";
  const before = Date.now();
  const until = new Date(before + offsetMs);
  await sleep(until);
  return { before, until: until.getTime(), after: Date.now() };
}

async function readMetadata() {
  "use step";
  return { step: getStepMetadata(), workflow: getWorkflowMetadata() };
}

// Every attempt's metadata, by step ID (steps run in the test's process).
const attempts = new Map<string, Array<{ attempt: number; stepStartedAt: string }>>();

async function flakyMetadata(failures: number) {
  "use step";
  const meta = getStepMetadata();
  const seen = attempts.get(meta.stepId) ?? [];
  attempts.set(meta.stepId, seen);
  seen.push({ attempt: meta.attempt, stepStartedAt: meta.stepStartedAt.toISOString() });
  if (meta.attempt <= failures)
    throw new RetryableError(`attempt ${meta.attempt}`, { retryAfter: 5 });
  return { stepId: meta.stepId, attempts: seen };
}

/** Metadata in the workflow and in steps. */
export async function metadata() {
  "use workflow";
  const inWorkflow = getWorkflowMetadata();
  const inStep = await readMetadata();
  const flaky = await flakyMetadata(2);
  return { inWorkflow, inStep, flaky };
}

async function takesTime(ms: number) {
  "use step";
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}

/** Two slow steps in a row: cancelled during the first, it must not start the second. */
export async function twoSlowSteps() {
  "use workflow";
  await takesTime(150);
  await takesTime(150);
  return "done";
}
