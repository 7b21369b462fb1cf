/**
 * One step attempt's deadline (`fn.timeout`) and the AbortSignal the step sees as
 * `getStepMetadata().signal`. At the deadline the signal aborts with a StepTimeoutError and
 * `expired` rejects with it: the engine stops waiting for the step's code (which cannot be
 * killed; the signal asks it to stop its I/O) and records the attempt as failed.
 *
 * The deadline itself is recorded in `step_started`, so that an attempt whose process died is
 * recognised as timed out by whoever takes the step over (run-step.ts).
 */
import {
  StepTimeoutError,
  WorkflowRunCancelledError,
  WorkflowRunFailedError,
} from "../errors/index.js";
import type { RunState } from "../worlds/shared/state/types.js";

export interface AttemptDeadline {
  /** Aborted at the deadline, or by `abort()` (the run ended while the step ran). */
  readonly signal: AbortSignal;
  /** Rejects with StepTimeoutError at the deadline; never settles without a timeout. */
  readonly expired: Promise<never>;
  /** Aborts the signal with `reason` (see {@link runEndedReason}); `expired` is unaffected. */
  abort(reason: unknown): void;
  /** The attempt is over: no timeout any more. */
  stop(): void;
}

export function startAttemptDeadline(
  stepName: string,
  attempt: number,
  timeoutMs: number | undefined,
): AttemptDeadline {
  // Made when the step first reads its signal, or when it aborts: most attempts do neither.
  let controller: AbortController | undefined;
  const control = () => (controller ??= new AbortController());
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (timeoutMs === undefined) return;
    timer = setTimeout(() => {
      const error = new StepTimeoutError(stepName, attempt, timeoutMs);
      // Rejected first: the attempt ends with the timeout, not with an error that the step's
      // own abort listeners throw in reaction to the signal.
      reject(error);
      control().abort(error);
    }, timeoutMs);
    // A process with nothing else to do may exit: the deadline is in the log for the next one.
    timer.unref();
  });
  return {
    get signal() {
      return control().signal;
    },
    expired,
    abort: (reason) => control().abort(reason),
    stop: () => clearTimeout(timer),
  };
}

/**
 * The signal's reason when the run ended while the step ran: WorkflowRunCancelledError, or
 * WorkflowRunFailedError (its `error.code` is RUN_TIMEOUT for a run timeout), or an Error for a
 * run that completed without awaiting the step.
 */
export function runEndedReason(run: RunState): Error {
  if (run.status === "cancelled") return new WorkflowRunCancelledError(run.runId);
  if (run.status === "failed")
    return new WorkflowRunFailedError(run.runId, run.error ?? { message: "unknown error" });
  return new Error(`Workflow run ${run.runId} completed while this step was still running.`);
}
