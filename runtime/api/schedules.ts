/**
 * `workflow/api` schedules: `schedule()` stores a cron schedule in the world, the ticker of every
 * worker starts its runs (runtime/schedule/ticker.ts), and `pauseSchedule`, `resumeSchedule`,
 * `unschedule`, `listSchedules` manage them. `defineSchedule()` + `registerSchedules()` (or
 * `createRuntime({ schedules })`) are the declarative form: one module lists a project's schedules.
 */
import type { Runtime } from "../engine/runtime.js";
import { WorkflowError } from "../errors/index.js";
import { saveDefinition, scheduleNotFound, setPaused } from "../schedule/schedule-records.js";
import {
  type ScheduleDefinition,
  type ScheduledWorkflow,
  type ScheduleOptions,
  toScheduleDefinition,
} from "../schedule/schedule-options.js";
import type { ScheduleState, ScheduleStore } from "../worlds/shared/schedules.js";
import { resolveRuntime } from "./start.js";

export type { ScheduleOptions } from "../schedule/schedule-options.js";
/** A schedule as the world stores it: its definition and where its ticks stand. */
export type ScheduleInfo = ScheduleState;

/** Which runtime a schedule call uses. */
export interface ScheduleApiOptions {
  /** @default the one set by the integration, as for `start()` */
  runtime?: Runtime;
}

/** A schedule listed in a project's schedules module (see `defineSchedule`). */
export interface DefinedSchedule {
  readonly workflow: ScheduledWorkflow;
  readonly options: ScheduleOptions;
}

/**
 * Schedules runs of `workflow` by a cron expression, in the world of the runtime: every worker
 * process starts each tick's run once. Scheduling again with the same `id` (by default, the
 * workflow's ID) updates the schedule; unchanged, it keeps where it stands. Resolves with the
 * stored schedule. A wrong option is a TypeError at the call that names it.
 */
export async function schedule(
  workflow: ScheduledWorkflow,
  options: ScheduleOptions & ScheduleApiOptions,
): Promise<ScheduleInfo> {
  const { runtime: given, ...rest } = (options ?? {}) as ScheduleOptions & ScheduleApiOptions;
  const definition = toScheduleDefinition(workflow, rest, "schedule()"); // before any I/O
  const runtime = await resolveRuntime(given);
  return saveDefinition(storeOf(runtime), definition, runtime.clock.now());
}

/** One entry of a project's schedules module; checked now, stored by `registerSchedules`. */
export function defineSchedule(
  workflow: ScheduledWorkflow,
  options: ScheduleOptions,
): DefinedSchedule {
  toScheduleDefinition(workflow, options, "defineSchedule()");
  return Object.freeze({ workflow, options });
}

/**
 * Stores every schedule of a project's list (`export const schedules = [defineSchedule(...)]`);
 * call it at start-up, or pass the list to `createRuntime({ schedules })`. Schedules removed from
 * the list are not deleted: `unschedule()` them.
 */
export async function registerSchedules(
  schedules: readonly DefinedSchedule[],
  options: ScheduleApiOptions = {},
): Promise<ScheduleInfo[]> {
  const runtime = await resolveRuntime(options.runtime);
  return storeDefinitions(runtime, schedules);
}

/** `registerSchedules` on a started runtime (createRuntime's `schedules`). */
export async function storeDefinitions(
  runtime: Runtime,
  schedules: readonly DefinedSchedule[],
): Promise<ScheduleInfo[]> {
  const now = runtime.clock.now();
  const definitions: ScheduleDefinition[] = schedules.map((entry, i) =>
    toScheduleDefinition(
      entry.workflow,
      entry.options,
      `registerSchedules(): schedules[${i}]`,
      now,
    ),
  );
  const stored: ScheduleInfo[] = [];
  for (const definition of definitions)
    stored.push(await saveDefinition(storeOf(runtime), definition, now));
  return stored;
}

/** Pauses schedule `id`: no tick starts a run until it is resumed. */
export async function pauseSchedule(
  id: string,
  options: ScheduleApiOptions = {},
): Promise<ScheduleInfo> {
  const runtime = await resolveRuntime(options.runtime);
  return setPaused(storeOf(runtime), id, true, runtime.clock.now());
}

/** Resumes schedule `id` from its next tick after now (the ticks missed while paused are not run). */
export async function resumeSchedule(
  id: string,
  options: ScheduleApiOptions = {},
): Promise<ScheduleInfo> {
  const runtime = await resolveRuntime(options.runtime);
  return setPaused(storeOf(runtime), id, false, runtime.clock.now());
}

/** Deletes schedule `id` (its runs stay); throws SCHEDULE_NOT_FOUND when there is none. */
export async function unschedule(id: string, options: ScheduleApiOptions = {}): Promise<void> {
  const runtime = await resolveRuntime(options.runtime);
  if (!(await storeOf(runtime).delete(id))) throw scheduleNotFound(id);
}

/** Every schedule of the world, by ID. */
export async function listSchedules(options: ScheduleApiOptions = {}): Promise<ScheduleInfo[]> {
  const runtime = await resolveRuntime(options.runtime);
  return storeOf(runtime).list();
}

function storeOf(runtime: Runtime): ScheduleStore {
  const store = runtime.world.schedules;
  if (!store)
    throw new WorkflowError(
      "SCHEDULES_UNSUPPORTED",
      `The world ${runtime.world.name} keeps no schedules; use the memory, file or Postgres world.`,
    );
  return store;
}
