import type { EventOf } from "../events.js";
import { assertConcurrencyData, waitsForSlot } from "../concurrency.js";
import { WorldError } from "../world-error.js";
import { requireLiveRun } from "./guards.js";
import type { RunState } from "./types.js";

export function applyRunCreated(state: RunState | null, event: EventOf<"run_created">): RunState {
  if (state) throw new WorldError("ENTITY_CONFLICT", `Run ${event.runId} already exists`);
  const { workflowName, input, seed, deploymentId, timeoutMs, concurrency, idempotencyKey } =
    event.data;
  assertConcurrencyData(event.runId, concurrency);
  return {
    runId: event.runId,
    workflowName,
    status: "pending",
    input,
    seed,
    ...(deploymentId ? { deploymentId } : {}),
    ...(typeof timeoutMs === "number" ? { timeoutMs } : {}),
    ...(concurrency ? { concurrency: { key: concurrency.key, limit: concurrency.limit } } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    createdAt: event.createdAt,
    updatedAt: event.createdAt,
    eventCount: 0,
    steps: new Map(),
    waits: new Map(),
    hooks: new Map(),
  };
}

export function applyRunStarted(state: RunState | null, event: EventOf<"run_started">): RunState {
  const run = requireLiveRun(state, event);
  if (run.status !== "pending")
    throw new WorldError("ENTITY_CONFLICT", `Run ${run.runId} already started`);
  if (waitsForSlot(run))
    throw new WorldError(
      "ENTITY_CONFLICT",
      `Run ${run.runId} waits for a slot of concurrency key ${JSON.stringify(run.concurrency!.key)}; it starts once admitted (run_admitted)`,
    );
  run.status = "running";
  run.startedAt = event.createdAt;
  return run;
}

/** Ends a run: terminal status, and every live hook is released so its token is free again. */
function finish(run: RunState, status: RunState["status"], at: number): RunState {
  run.status = status;
  run.completedAt = at;
  for (const hook of run.hooks.values()) if (hook.status === "active") hook.status = "disposed";
  return run;
}

export function applyRunCompleted(
  state: RunState | null,
  event: EventOf<"run_completed">,
): RunState {
  const run = requireLiveRun(state, event);
  run.output = event.data.output;
  return finish(run, "completed", event.createdAt);
}

export function applyRunFailed(state: RunState | null, event: EventOf<"run_failed">): RunState {
  const run = requireLiveRun(state, event);
  run.error = event.data.error;
  return finish(run, "failed", event.createdAt);
}

export function applyRunCancelled(
  state: RunState | null,
  event: EventOf<"run_cancelled">,
): RunState {
  return finish(requireLiveRun(state, event), "cancelled", event.createdAt);
}

/** The run took a slot of its concurrency key (written by the world; see shared/concurrency.ts). */
export function applyRunAdmitted(state: RunState | null, event: EventOf<"run_admitted">): RunState {
  const run = requireLiveRun(state, event);
  if (!run.concurrency)
    throw new WorldError(
      "INVALID_EVENT",
      `Run ${run.runId} has no concurrency key to be admitted to`,
    );
  if (run.admittedAt !== undefined)
    throw new WorldError("ENTITY_CONFLICT", `Run ${run.runId} already holds a slot`);
  run.admittedAt = event.createdAt;
  return run;
}
