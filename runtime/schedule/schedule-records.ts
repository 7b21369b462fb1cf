/**
 * Changes to stored schedules (create or update a definition, pause, resume), each a
 * compare-and-set retried until it lands, so that they compose with the tickers of every worker.
 */
import type { ScheduleState, ScheduleStore } from "../worlds/shared/schedules.js";
import { WorkflowError } from "../errors/index.js";
import { parseCron } from "./cron.js";
import { nextTick } from "./cron-time.js";
import type { ScheduleDefinition } from "./schedule-options.js";

/** Applies `change` to the stored schedule `id` until no other write comes between. */
async function update(
  store: ScheduleStore,
  id: string,
  change: (current: ScheduleState | null) => ScheduleState | null,
): Promise<ScheduleState | null> {
  for (;;) {
    const current = await store.get(id);
    const next = change(current);
    if (next === null || next === current) return current;
    if (await store.save(next, current?.version ?? null))
      return { ...next, version: (current?.version ?? 0) + 1 };
  }
}

const sameDefinition = (a: ScheduleState, b: ScheduleDefinition) =>
  a.workflowName === b.workflowName &&
  a.cron === b.cron &&
  a.timezone === b.timezone &&
  a.input === b.input &&
  a.overlap === b.overlap;

/**
 * Stores `definition`: a new schedule fires from its next tick after `now`; an unchanged one
 * keeps where its ticks stand (so registering the same list at every start changes nothing); a
 * changed one keeps its history and fires from the new expression's next tick.
 */
export function saveDefinition(
  store: ScheduleStore,
  definition: ScheduleDefinition,
  now: number,
): Promise<ScheduleState> {
  return update(store, definition.id, (current) => {
    const paused = definition.paused ?? current?.paused ?? false;
    if (current && sameDefinition(current, definition)) {
      if (current.paused === paused) return current;
      return paused ? { ...current, paused, updatedAt: now } : resumed(current, now);
    }
    const { paused: _, ...fields } = definition;
    return {
      skippedTicks: 0,
      ...current,
      ...fields,
      paused,
      nextTickAt: nextTick(parseCron(definition.cron), definition.timezone, now),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
      version: current?.version ?? 0,
    };
  }) as Promise<ScheduleState>;
}

/** Pauses or resumes schedule `id`; throws SCHEDULE_NOT_FOUND when there is none. */
export async function setPaused(
  store: ScheduleStore,
  id: string,
  paused: boolean,
  now: number,
): Promise<ScheduleState> {
  const state = await update(store, id, (current) => {
    if (!current || current.paused === paused) return current;
    return paused ? { ...current, paused, updatedAt: now } : resumed(current, now);
  });
  if (!state) throw scheduleNotFound(id);
  return state;
}

/** Resuming skips the ticks missed while paused: it fires from the next tick after `now`. */
function resumed(current: ScheduleState, now: number): ScheduleState {
  return {
    ...current,
    paused: false,
    nextTickAt: nextTick(parseCron(current.cron), current.timezone, now),
    updatedAt: now,
  };
}

export function scheduleNotFound(id: string): WorkflowError {
  return new WorkflowError(
    "SCHEDULE_NOT_FOUND",
    `No schedule ${JSON.stringify(id)} in this world; \`wf inspect schedules\` lists them.`,
  );
}
