import { isDeepStrictEqual, inspect } from "node:util";
import { shortNameOf } from "../../protocol/ids.js";
import type { StoredEvent } from "../worlds/shared/events.js";
import { type RunState, TERMINAL_RUN_STATUSES } from "../worlds/shared/state/types.js";
import type { StepCall } from "./step-mocks.js";

/** How a run ended, compared between schedules. */
export interface SimulationOutcome {
  status: RunState["status"];
  /** The return value (completed), or the error message (failed). */
  value: unknown;
}

/** "The run ends": what it still waits on, when it does not. */
export function checkEnded(state: RunState | null, why: string | undefined): string[] {
  if (!state) return ["the run does not exist"];
  if (TERMINAL_RUN_STATUSES.has(state.status)) return [];
  const waits: string[] = [];
  for (const hook of state.hooks.values())
    if (hook.status === "active")
      waits.push(
        `hook ${JSON.stringify(hook.token)} (give its payload in options.hooks, or the test resumes it)`,
      );
  for (const wait of state.waits.values())
    if (wait.status === "waiting")
      waits.push(`a sleep until ${new Date(wait.resumeAt).toISOString()}`);
  for (const step of state.steps.values())
    if (step.status === "pending" || step.status === "running")
      waits.push(`step ${shortNameOf(step.stepName)} (${step.status})`);
  return [
    `the run did not end (${why ?? state.status})${waits.length ? `: it waits on ${waits.join(", ")}` : ""}`,
  ];
}

/**
 * "Every completed step completed once": one `step_completed` per step call, and no attempt of a
 * call started after the attempt that completed it, nor any attempt run twice.
 */
export function checkCompletedOnce(events: StoredEvent[], calls: StepCall[]): string[] {
  const violations: string[] = [];
  const lastStarted = new Map<string, number>();
  const completedBy = new Map<string, number>();
  const names = new Map<string, string>();
  for (const event of events) {
    const id = event.correlationId;
    if (id === undefined) continue;
    if (event.type === "step_created") names.set(id, shortNameOf(event.data.stepName));
    if (event.type === "step_started") lastStarted.set(id, event.data.attempt);
    if (event.type === "step_completed") {
      if (completedBy.has(id))
        violations.push(`step ${names.get(id)} (${id}) completed twice (event ${event.index})`);
      completedBy.set(id, lastStarted.get(id) ?? 0);
    }
  }
  const seen = new Set<string>();
  for (const call of calls) {
    const id = call.correlationId;
    if (id === undefined) continue;
    const key = `${id}#${call.attempt}`;
    if (seen.has(key))
      violations.push(`attempt ${call.attempt} of step ${names.get(id)} (${id}) ran twice`);
    seen.add(key);
    const done = completedBy.get(id);
    if (done !== undefined && call.attempt > done)
      violations.push(
        `step ${names.get(id)} (${id}) ran again after it completed: attempt ${call.attempt} after attempt ${done} completed`,
      );
  }
  return violations;
}

/** "The result is the same under every schedule". */
export function checkSameOutcome(
  outcome: SimulationOutcome,
  first: SimulationOutcome,
  firstKey: string,
): string[] {
  if (isDeepStrictEqual(outcome, first)) return [];
  return [
    `the run ${show(outcome)}, but under schedule ${firstKey} it ${show(first)} ` +
      `(if the workflow races on purpose, pass races: true)`,
  ];
}

function show(outcome: SimulationOutcome): string {
  const value = inspect(outcome.value, { depth: 4, breakLength: Infinity });
  return outcome.status === "completed" ? `returned ${value}` : `${outcome.status} (${value})`;
}
