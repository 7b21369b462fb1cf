/**
 * The runtime an app process runs: the engine, plus the services that serve the world's users
 * from outside the engine: the control socket, where `wf start`, `wf cancel` and `wf resume`
 * reach the one writer of a file world (runtime/control/), and the schedule ticker
 * (runtime/schedule/). The engine knows neither: it starts the services it is given
 * (`RuntimeOptions.services`).
 */
import { serveControl } from "../control/control-socket.js";
import {
  createRuntime as createEngineRuntime,
  type Runtime,
  type RuntimeOptions,
  type RuntimeService,
} from "../engine/runtime.js";
import {
  createScheduleService,
  type ScheduleServiceOptions,
} from "../schedule/schedule-service.js";

/** Listens on the world's control socket, when the world has one (file); the app runs on without it. */
export const controlSocketService: RuntimeService = {
  name: "the control socket of wf start/cancel/resume",
  async start(runtime) {
    const socket = runtime.world.controlSocket;
    if (socket === undefined) return undefined;
    return serveControl(runtime, socket).catch((error: unknown) => {
      console.warn(`workflow: wf start/cancel/resume cannot reach this process (${String(error)})`);
      return undefined;
    });
  },
};

export interface AppRuntimeOptions extends RuntimeOptions {
  /** The project's schedules (`defineSchedule()` entries), stored when the runtime starts. */
  schedules?: ScheduleServiceOptions["schedules"];
  /** How often this process's schedule ticker looks for due ticks (real time). @default 1000 */
  schedulePollMs?: number;
}

export interface AppRuntime extends Runtime {
  /**
   * Starts the runs of the schedules due now (on the runtime's clock) and moves them on; the
   * ticker does it every `schedulePollMs` in a runtime that executes. For tests that drive the clock.
   */
  tickSchedules(): Promise<void>;
}

/**
 * A runtime for `world` with `bundles`: starts and executes runs in this process (unless
 * `execute: false`), ticks the world's schedules, and answers `wf start/cancel/resume`.
 */
export function createRuntime(options: AppRuntimeOptions): AppRuntime {
  const { schedules, schedulePollMs, ...engineOptions } = options;
  const ticker = createScheduleService({
    ...(schedules ? { schedules } : {}),
    ...(schedulePollMs !== undefined ? { pollMs: schedulePollMs } : {}),
  });
  const runtime = createEngineRuntime({
    ...engineOptions,
    services: [controlSocketService, ticker, ...(options.services ?? [])],
  });
  return Object.assign(runtime, { tickSchedules: () => ticker.tick() });
}
