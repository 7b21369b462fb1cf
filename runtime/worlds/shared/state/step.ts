import type { EventOf } from "../events.js";
import { WorldError } from "../world-error.js";
import { requireCorrelationId, requireLiveRun, requireRun } from "./guards.js";
import type { RunState, StepState } from "./types.js";

function requireStep(
  run: RunState,
  event: EventOf<
    "step_started" | "step_lease_renewed" | "step_retrying" | "step_completed" | "step_failed"
  >,
): StepState {
  const id = requireCorrelationId(event);
  const step = run.steps.get(id);
  if (!step)
    throw new WorldError(
      "NOT_FOUND",
      `Step ${id} of run ${run.runId} does not exist (event ${event.type})`,
    );
  if (step.status === "completed" || step.status === "failed") {
    throw new WorldError(
      "ENTITY_CONFLICT",
      `Step ${id} of run ${run.runId} already ${step.status}`,
    );
  }
  return step;
}

export function applyStepCreated(state: RunState | null, event: EventOf<"step_created">): RunState {
  const run = requireLiveRun(state, event);
  const id = requireCorrelationId(event);
  if (run.steps.has(id))
    throw new WorldError("ENTITY_CONFLICT", `Step ${id} of run ${run.runId} already exists`);
  run.steps.set(id, {
    stepId: id,
    stepName: event.data.stepName,
    status: "pending",
    input: event.data.input,
    attempt: 0,
    createdAt: event.createdAt,
  });
  return run;
}

/** A new attempt. Allowed on a running step (its previous attempt died), never before `retryAfter`. */
export function applyStepStarted(state: RunState | null, event: EventOf<"step_started">): RunState {
  const run = requireLiveRun(state, event);
  const step = requireStep(run, event);
  if (event.data.attempt !== step.attempt + 1) {
    throw new WorldError(
      "ENTITY_CONFLICT",
      `Step ${step.stepId} is at attempt ${step.attempt}; attempt ${event.data.attempt} was already started or skipped`,
    );
  }
  if (step.retryAfter !== undefined && step.retryAfter > event.createdAt) {
    throw new WorldError(
      "TOO_EARLY",
      `Step ${step.stepId} may not retry before ${new Date(step.retryAfter).toISOString()}`,
      step.retryAfter,
    );
  }
  if (
    step.status === "running" &&
    step.leaseUntil !== undefined &&
    step.leaseUntil > event.createdAt &&
    !event.data.takeover
  ) {
    throw new WorldError(
      "TOO_EARLY",
      `Step ${step.stepId} attempt ${step.attempt} is still running (held by ${step.leaseOwner ?? "another worker"} until ${new Date(step.leaseUntil).toISOString()}); a new attempt may start only once its lease runs out`,
      step.leaseUntil,
    );
  }
  step.status = "running";
  step.attempt = event.data.attempt;
  step.startedAt ??= event.createdAt;
  delete step.retryAfter;
  setLease(step, event.data.leaseUntil, event.data.owner);
  if (typeof event.data.deadline === "number") step.deadline = event.data.deadline;
  else delete step.deadline;
  return run;
}

/** The running attempt renews its lease; a renewal of an attempt that is over is refused. */
export function applyStepLeaseRenewed(
  state: RunState | null,
  event: EventOf<"step_lease_renewed">,
): RunState {
  const run = requireRun(state, event);
  const step = requireStep(run, event);
  if (step.status !== "running" || step.attempt !== event.data.attempt)
    throw new WorldError(
      "ENTITY_CONFLICT",
      `Step ${step.stepId} is not running attempt ${event.data.attempt}`,
    );
  if (typeof event.data.leaseUntil !== "number")
    throw new WorldError("INVALID_EVENT", "step_lease_renewed needs a numeric leaseUntil");
  step.leaseUntil = event.data.leaseUntil;
  return run;
}

/** Sets the attempt's lease; clearing it (the attempt ended) clears its deadline too. */
function setLease(step: StepState, leaseUntil: unknown, owner: unknown): void {
  if (leaseUntil === undefined) delete step.deadline;
  if (typeof leaseUntil === "number") step.leaseUntil = leaseUntil;
  else delete step.leaseUntil;
  if (typeof owner === "string") step.leaseOwner = owner;
  else delete step.leaseOwner;
}

export function applyStepRetrying(
  state: RunState | null,
  event: EventOf<"step_retrying">,
): RunState {
  const run = requireRun(state, event);
  const step = requireStep(run, event);
  if (step.status !== "running")
    throw new WorldError("ENTITY_CONFLICT", `Step ${step.stepId} is not running`);
  step.status = "pending";
  setLease(step, undefined, undefined);
  step.retryAfter = event.data.retryAfter;
  step.lastError = event.data.error;
  return run;
}

export function applyStepCompleted(
  state: RunState | null,
  event: EventOf<"step_completed">,
): RunState {
  const run = requireRun(state, event);
  const step = requireStep(run, event);
  if (step.status !== "running")
    throw new WorldError("ENTITY_CONFLICT", `Step ${step.stepId} is not running`);
  step.status = "completed";
  setLease(step, undefined, undefined);
  step.result = event.data.result;
  step.completedAt = event.createdAt;
  return run;
}

export function applyStepFailed(state: RunState | null, event: EventOf<"step_failed">): RunState {
  const run = requireRun(state, event);
  const step = requireStep(run, event);
  step.status = "failed";
  setLease(step, undefined, undefined);
  step.error = event.data.error;
  step.completedAt = event.createdAt;
  return run;
}
