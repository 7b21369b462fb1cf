import type { EventOf } from "../events.js";
import { WorldError } from "../world-error.js";
import { requireCorrelationId, requireLiveRun } from "./guards.js";
import type { RunState } from "./types.js";

export function applyWaitCreated(state: RunState | null, event: EventOf<"wait_created">): RunState {
  const run = requireLiveRun(state, event);
  const id = requireCorrelationId(event);
  if (run.waits.has(id))
    throw new WorldError("ENTITY_CONFLICT", `Wait ${id} of run ${run.runId} already exists`);
  run.waits.set(id, {
    waitId: id,
    resumeAt: event.data.resumeAt,
    status: "waiting",
    createdAt: event.createdAt,
  });
  return run;
}

/** Exactly once per wait, and never before its `resumeAt`. */
export function applyWaitCompleted(
  state: RunState | null,
  event: EventOf<"wait_completed">,
): RunState {
  const run = requireLiveRun(state, event);
  const id = requireCorrelationId(event);
  const wait = run.waits.get(id);
  if (!wait) throw new WorldError("NOT_FOUND", `Wait ${id} of run ${run.runId} does not exist`);
  if (wait.status === "completed")
    throw new WorldError("ENTITY_CONFLICT", `Wait ${id} of run ${run.runId} already completed`);
  if (event.createdAt < wait.resumeAt)
    throw new WorldError(
      "TOO_EARLY",
      `Wait ${id} ends at ${new Date(wait.resumeAt).toISOString()}`,
      wait.resumeAt,
    );
  wait.status = "completed";
  wait.completedAt = event.createdAt;
  return run;
}
