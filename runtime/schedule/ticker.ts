/**
 * The ticker: in every process that executes runs, it reads the world's schedules, and for each
 * one due (its `nextTickAt` passed on the engine's clock) starts the run of the tick, then moves
 * the schedule on (`ScheduleStore.save`, compare-and-set). The run's idempotency key is
 * `schedule:<id>:<tick epoch ms>`, so any number of workers make one run per tick, and a crash
 * between the start and the save only makes the next look start the same run again (it is
 * found by its key, not made twice).
 *
 * Missed ticks (the app was down, or every worker busy): one catch-up run, for the latest tick
 * missed, then the schedule goes on from the next tick in the future.
 */
import { createRunOnce } from "../api/idempotency.js";
import type { Clock } from "../engine/clock.js";
import { createRunId, createSeed } from "../engine/ids.js";
import type { Runtime } from "../engine/runtime.js";
import type { ScheduleState } from "../worlds/shared/schedules.js";
import { TERMINAL_RUN_STATUSES } from "../worlds/shared/state/types.js";
import { parseCron } from "./cron.js";
import { latestTick, nextTick } from "./cron-time.js";

/** The idempotency key of the run of schedule `id`'s tick at `tick` (epoch ms). */
export const tickKey = (id: string, tick: number) => `schedule:${id}:${tick}`;

export interface ScheduleTickerOptions {
  /** How often the ticker looks (real time). @default 1000 */
  pollMs?: number;
  /** A tick that failed (storage, a bad stored schedule); tried again at the next look. */
  onError?: (error: unknown, scheduleId: string) => void;
}

export class ScheduleTicker {
  readonly #runtime: Runtime;
  readonly #clock: Clock;
  readonly #pollMs: number;
  readonly #onError: (error: unknown, scheduleId: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(runtime: Runtime, clock: Clock, options: ScheduleTickerOptions = {}) {
    this.#runtime = runtime;
    this.#clock = clock;
    this.#pollMs = options.pollMs ?? 1000;
    this.#onError =
      options.onError ??
      ((error, id) => console.error(`[workflow] schedule ${id}: tick failed: ${String(error)}`));
  }

  /** Looks every `pollMs` until `stop()`. */
  startPolling(): void {
    const loop = () => {
      this.#timer = setTimeout(() => {
        void this.tick().finally(() => {
          if (!this.#stopped) loop();
        });
      }, this.#pollMs);
      this.#timer.unref?.();
    };
    if (!this.#stopped && this.#runtime.world.schedules) loop();
  }

  /** Stops polling and waits for a look in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One look at every schedule, at the clock's time now (one look at a time). */
  tick(): Promise<void> {
    this.#running ??= this.#look().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #look(): Promise<void> {
    const store = this.#runtime.world.schedules;
    if (!store) return;
    const now = this.#clock.now();
    for (const schedule of await store.list()) {
      if (this.#stopped) return;
      await this.#advance(schedule, now).catch((error: unknown) =>
        this.#onError(error, schedule.id),
      );
    }
  }

  async #advance(schedule: ScheduleState, now: number): Promise<void> {
    if (schedule.paused) return;
    const next: ScheduleState = { ...schedule };
    let changed = false;
    if (next.queuedTickAt !== undefined && !(await this.#isRunning(next.lastRunId))) {
      next.lastRunId = await this.#startTick(schedule, next.queuedTickAt);
      next.lastTickAt = next.queuedTickAt;
      delete next.queuedTickAt;
      changed = true;
    }
    if (next.nextTickAt !== undefined && next.nextTickAt <= now) {
      const cron = parseCron(schedule.cron);
      const tick = latestTick(cron, schedule.timezone, next.nextTickAt, now) ?? next.nextTickAt;
      const busy = schedule.overlap !== "allow" && (await this.#isRunning(next.lastRunId));
      if (busy && schedule.overlap === "skip") {
        next.skippedTicks += 1;
        next.lastSkippedAt = tick;
      } else if (busy) {
        next.queuedTickAt = tick; // "queue": at most one waits; a later tick replaces it
      } else {
        next.lastRunId = await this.#startTick(schedule, tick);
        next.lastTickAt = tick;
      }
      const following = nextTick(cron, schedule.timezone, now);
      if (following === undefined) delete next.nextTickAt;
      else next.nextTickAt = following;
      changed = true;
    }
    if (!changed) return;
    next.updatedAt = now;
    // False: another worker moved it on first, from the same state: it started the same runs.
    await this.#runtime.world.schedules!.save(next, schedule.version);
  }

  async #isRunning(runId: string | undefined): Promise<boolean> {
    if (runId === undefined) return false;
    const run = await this.#runtime.world.getRun(runId);
    return run !== null && !TERMINAL_RUN_STATUSES.has(run.status);
  }

  /** Starts (or finds) the run of `tick`; returns its ID. */
  async #startTick(schedule: ScheduleState, tick: number): Promise<string> {
    const runtime = this.#runtime;
    const key = tickKey(schedule.id, tick);
    const runId = createRunId(this.#clock.now());
    const once = await createRunOnce(
      runtime,
      runId,
      {
        workflowName: schedule.workflowName,
        input: schedule.input,
        seed: createSeed(),
        idempotencyKey: key,
      },
      key,
    );
    if (!once.idempotency.existing)
      await runtime.world.queue.enqueue({ kind: "workflow", runId }, { key: `wf:${runId}` });
    return once.runId;
  }
}
