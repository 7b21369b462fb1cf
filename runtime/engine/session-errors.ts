/**
 * The failures a workflow session settles a run with on its own (not what the workflow threw):
 * each says what happened, in which run, and what to do, and carries its code.
 */
import type { FailureCode } from "../../protocol/codes.js";
import type { StoredError, StoredEvent } from "../worlds/shared/events.js";

/** Where a failure happened: the run and its workflow. */
export interface SessionWhere {
  runId: string;
  workflowName: string;
}

/** A call the workflow made (a step, a sleep), and where, when the session traces calls. */
export interface WorkflowCall {
  kind: "step" | "wait";
  /** The step's ID; undefined for a sleep. */
  name?: string;
  /** `file:line:column` in the user's source (SessionInit.traceCalls). */
  callSite?: string;
}

/** Thrown inside the session when the log and the workflow disagree. */
export class ReplayDivergence extends Error {
  override name = "ReplayDivergenceError";
  constructor(
    message: string,
    /** The event of the log that the workflow's calls do not explain. */
    readonly event: StoredEvent,
    /** What the workflow did there instead, when it made a call. */
    readonly call?: WorkflowCall,
  ) {
    super(message);
  }
}

/** The log's `event` is not what the workflow did at that point (`detail` says how). */
export function createReplayDivergence(
  where: SessionWhere,
  event: StoredEvent,
  detail: string,
  call?: WorkflowCall,
): ReplayDivergence {
  return new ReplayDivergence(
    `Replay of run ${where.runId} diverged at event #${event.index} (${event.type}): ${detail}. ` +
      `The workflow must make the same calls in the same order on every replay: its code or inputs changed since the run started, ` +
      `or it depends on something other than its arguments, step results, Date and Math.random (move such code into a step).`,
    event,
    call,
  );
}

/** Workflow code ran past the activation time limit (`message` is the sandbox's). */
export function createWorkflowTimeoutError(
  where: SessionWhere,
  message: string,
  timeoutMs: number,
): Error {
  return Object.assign(
    new Error(
      `Workflow "${where.workflowName}" (run ${where.runId}) ${message}: its code ran past the time limit of ${timeoutMs} ms ` +
        `(an endless loop?). Workflow code must only compute and await: do long work in a step ("use step"), ` +
        `or raise the limit (createRuntime({ workflowTimeoutMs }) or WORKFLOW_ACTIVATION_TIMEOUT_MS).`,
    ),
    { name: "WorkflowTimeoutError", code: "WORKFLOW_TIMEOUT" satisfies FailureCode },
  );
}

/** The run's workflow is not among those the bundle registers (`known`). */
export function createWorkflowNotRegisteredError(where: SessionWhere, known: string[]): Error {
  return Object.assign(
    new Error(
      `Workflow "${where.workflowName}" is not in the workflow bundle (${known.length ? `it has ${known.join(", ")}` : "it registers no workflow"}). ` +
        `Was the file renamed or the function removed since the run started?`,
    ),
    {
      name: "WorkflowNotRegisteredError",
      code: "WORKFLOW_NOT_REGISTERED" satisfies FailureCode,
    },
  );
}

/** The workflow waits on nothing the log can settle. */
export function createWorkflowStalledError(where: SessionWhere): StoredError {
  return {
    name: "WorkflowStalledError",
    code: "WORKFLOW_STALLED" satisfies FailureCode,
    message: `Workflow "${where.workflowName}" is waiting on something that is not a step, a sleep or a hook, so nothing can ever resume it. Await only steps, sleep() and hooks (and promises built from them).`,
  };
}
