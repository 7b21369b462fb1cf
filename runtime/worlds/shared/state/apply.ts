import type { EventOf, EventType, StoredEvent } from "../events.js";
import { WorldError } from "../world-error.js";
import {
  applyHookConflict,
  applyHookCreated,
  applyHookDisposed,
  applyHookReceived,
} from "./hook.js";
import {
  applyRunAdmitted,
  applyRunCancelled,
  applyRunCompleted,
  applyRunCreated,
  applyRunFailed,
  applyRunStarted,
} from "./run.js";
import {
  applyStepCompleted,
  applyStepCreated,
  applyStepFailed,
  applyStepLeaseRenewed,
  applyStepRetrying,
  applyStepStarted,
} from "./step.js";
import type { RunState } from "./types.js";
import { applyWaitCompleted, applyWaitCreated } from "./wait.js";

type Handlers = { [K in EventType]: (state: RunState | null, event: EventOf<K>) => RunState };

/** One handler per event type: a new event type does not compile until it is handled here. */
const HANDLERS: Handlers = {
  run_created: applyRunCreated,
  run_admitted: applyRunAdmitted,
  run_started: applyRunStarted,
  run_completed: applyRunCompleted,
  run_failed: applyRunFailed,
  run_cancelled: applyRunCancelled,
  step_created: applyStepCreated,
  step_started: applyStepStarted,
  step_lease_renewed: applyStepLeaseRenewed,
  step_retrying: applyStepRetrying,
  step_completed: applyStepCompleted,
  step_failed: applyStepFailed,
  wait_created: applyWaitCreated,
  wait_completed: applyWaitCompleted,
  hook_created: applyHookCreated,
  hook_conflict: applyHookConflict,
  hook_received: applyHookReceived,
  hook_disposed: applyHookDisposed,
};

/**
 * Checks that `event` is allowed in `state` and applies it, mutating `state` (or creating it
 * for `run_created`). Throws a WorldError, leaving `state` untouched, when it is not allowed.
 */
export function applyEvent(state: RunState | null, event: StoredEvent): RunState {
  const handler = HANDLERS[event.type] as
    ((s: RunState | null, e: StoredEvent) => RunState) | undefined;
  if (!handler)
    throw new WorldError("INVALID_EVENT", `Unknown event type ${JSON.stringify(event.type)}`);
  const run = handler(state, event);
  run.eventCount = event.index + 1;
  run.updatedAt = event.createdAt;
  return run;
}

/** A run's state from its whole log (null for an empty log). */
export function foldEvents(events: Iterable<StoredEvent>): RunState | null {
  let state: RunState | null = null;
  for (const event of events) state = applyEvent(state, event);
  return state;
}
