/**
 * The schedule ticker as a service of a runtime (`RuntimeOptions.services`): started with a
 * runtime that executes runs, after it has stored the project's declared schedules
 * (`createRuntime({ schedules })`), and stopped on close. `tick()` is for tests that drive the
 * clock (`workflow/testing`'s `advance()`).
 */
import { type DefinedSchedule, storeDefinitions } from "../api/schedules.js";
import type { RuntimeService } from "../engine/runtime.js";
import { ScheduleTicker } from "./ticker.js";

export interface ScheduleServiceOptions {
  /** The project's schedules (`defineSchedule()` entries), stored when the runtime starts. */
  schedules?: readonly DefinedSchedule[];
  /** How often the ticker looks for due ticks (real time). @default 1000 */
  pollMs?: number;
}

export interface ScheduleService extends RuntimeService {
  /** Starts the runs of the ticks due now and moves their schedules on. */
  tick(): Promise<void>;
}

export function createScheduleService(options: ScheduleServiceOptions = {}): ScheduleService {
  let ticker: ScheduleTicker | undefined;
  return {
    name: "the schedule ticker",
    async start(runtime) {
      if (options.schedules?.length) await storeDefinitions(runtime, options.schedules);
      const started = new ScheduleTicker(runtime, runtime.clock, { pollMs: options.pollMs });
      ticker = started;
      started.startPolling();
      return () => started.stop();
    },
    tick: () => ticker?.tick() ?? Promise.resolve(),
  };
}
