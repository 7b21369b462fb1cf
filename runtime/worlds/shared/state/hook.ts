import type { EventOf } from "../events.js";
import { WorldError } from "../world-error.js";
import { requireCorrelationId, requireLiveRun } from "./guards.js";
import type { HookState, RunState } from "./types.js";

function createHook(
  state: RunState | null,
  event: EventOf<"hook_created" | "hook_conflict">,
  entity: Omit<HookState, "hookId" | "createdAt" | "received">,
): RunState {
  const run = requireLiveRun(state, event);
  const id = requireCorrelationId(event);
  if (run.hooks.has(id))
    throw new WorldError("ENTITY_CONFLICT", `Hook ${id} of run ${run.runId} already exists`);
  run.hooks.set(id, { hookId: id, createdAt: event.createdAt, received: 0, ...entity });
  return run;
}

/** Token uniqueness across runs is the world's check: it writes `hook_conflict` instead. */
export function applyHookCreated(state: RunState | null, event: EventOf<"hook_created">): RunState {
  const { token, metadata, isWebhook } = event.data;
  return createHook(state, event, {
    token,
    ...(metadata !== undefined ? { metadata } : {}),
    isWebhook: isWebhook ?? false,
    status: "active",
  });
}

export function applyHookConflict(
  state: RunState | null,
  event: EventOf<"hook_conflict">,
): RunState {
  return createHook(state, event, {
    token: event.data.token,
    isWebhook: false,
    status: "conflict",
  });
}

function requireActiveHook(
  run: RunState,
  event: EventOf<"hook_received" | "hook_disposed">,
): HookState {
  const id = requireCorrelationId(event);
  const hook = run.hooks.get(id);
  if (!hook || hook.status !== "active")
    throw new WorldError("NOT_FOUND", `Hook ${id} of run ${run.runId} is not live`);
  return hook;
}

export function applyHookReceived(
  state: RunState | null,
  event: EventOf<"hook_received">,
): RunState {
  const run = requireLiveRun(state, event);
  requireActiveHook(run, event).received++;
  return run;
}

export function applyHookDisposed(
  state: RunState | null,
  event: EventOf<"hook_disposed">,
): RunState {
  const run = requireLiveRun(state, event);
  requireActiveHook(run, event).status = "disposed";
  return run;
}
