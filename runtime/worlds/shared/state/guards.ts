import type { StoredEvent } from "../events.js";
import { WorldError } from "../world-error.js";
import { type RunState, TERMINAL_RUN_STATUSES } from "./types.js";

export function requireRun(state: RunState | null, event: StoredEvent): RunState {
  if (!state)
    throw new WorldError("NOT_FOUND", `Run ${event.runId} does not exist (event ${event.type})`);
  return state;
}

export function requireLiveRun(state: RunState | null, event: StoredEvent): RunState {
  const run = requireRun(state, event);
  if (TERMINAL_RUN_STATUSES.has(run.status)) {
    throw new WorldError(
      "RUN_TERMINAL",
      `Run ${run.runId} is ${run.status}; ${event.type} is not allowed`,
    );
  }
  return run;
}

export function requireCorrelationId(event: StoredEvent): string {
  if (!event.correlationId)
    throw new WorldError("INVALID_EVENT", `${event.type} needs a correlationId`);
  return event.correlationId;
}
