/** `workflow/api`: what servers and scripts use to start and follow runs. */
export { getRun, start, type StartOptions, type WorkflowFunction } from "./start.js";
export type { ConcurrencyOption, WorkflowConcurrency } from "./concurrency-option.js";
export { Run, type RunStatus, type WorkflowReadableStreamOptions } from "./run.js";
export type { RunIdempotency } from "./idempotency.js";
export {
  defineSchedule,
  listSchedules,
  pauseSchedule,
  registerSchedules,
  resumeSchedule,
  schedule,
  unschedule,
  type DefinedSchedule,
  type ScheduleApiOptions,
  type ScheduleInfo,
  type ScheduleOptions,
} from "./schedules.js";
export { getHookByToken, resumeHook, type HookApiOptions, type HookInfo } from "./hooks.js";
export { resumeWebhook, type ResumeWebhookOptions } from "./webhooks.js";
export { createRuntime, type AppRuntime, type AppRuntimeOptions } from "../app/app-runtime.js";
export type { Runtime, RuntimeOptions } from "../engine/runtime.js";
export { getDefaultRuntime, setDefaultRuntime } from "../engine/default-runtime.js";
export type { BundleSource } from "../engine/context.js";
export type { WorkflowBundle } from "../engine/session.js";
