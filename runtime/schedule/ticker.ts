/**
 * The ticker: in every process that executes runs, it reads the world's schedules, and for each
 * one due (its `nextTickAt` passed on the engine's clock) decides what the tick does (by the
 * overlap policy) and moves the schedule on, claiming the tick (`startingTickAt`) in the same
 * compare-and-set (`ScheduleStore.save`); the worker whose save lands starts the tick's run and
 * records it. The run's idempotency key is `schedule:<id>:<tick epoch ms>`, so a crash between
 * the claim and the record only makes the next look (of any worker) start the same run again:
 * it is found by its key, not made twice.
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
    const store = this.#runtime.world.schedules!;
    let state = schedule;
    if (state.startingTickAt !== undefined) {
      // Claimed by a look that stopped before it recorded the run (a crash, a lost save): start
      // it (found by its key if it was started) and record it.
      const recorded = await this.#record(state, state.startingTickAt, now);
      if (!recorded) return; // another worker recorded it first
      state = recorded;
    }
    const next: ScheduleState = { ...state };
    // Whether the schedule's last run is still going: read once, when a decision needs it.
    let running: Promise<boolean> | undefined;
    const lastRunning = () => (running ??= this.#isRunning(next.lastRunId));
    let claim: number | undefined;
    if (next.queuedTickAt !== undefined && !(await lastRunning())) {
      claim = next.queuedTickAt;
      delete next.queuedTickAt;
    }
    const due = next.nextTickAt !== undefined && next.nextTickAt <= now;
    if (due) {
      const cron = parseCron(state.cron);
      const tick = latestTick(cron, state.timezone, next.nextTickAt!, now) ?? next.nextTickAt!;
      const busy = state.overlap !== "allow" && (claim !== undefined || (await lastRunning()));
      if (busy && state.overlap === "skip") {
        next.skippedTicks += 1;
        next.lastSkippedAt = tick;
      } else if (busy) {
        next.queuedTickAt = tick; // "queue": at most one waits; a later tick replaces it
      } else {
        claim = tick;
      }
      const following = nextTick(cron, state.timezone, now);
      if (following === undefined) delete next.nextTickAt;
      else next.nextTickAt = following;
    }
    if (!due && claim === undefined) return;
    if (claim !== undefined) next.startingTickAt = claim;
    next.updatedAt = now;
    // The decision is made by one worker: the one whose compare-and-set lands. Only it starts the
    // tick's run, so two workers never disagree on whether the previous run was still going.
    if (!(await store.save(next, state.version))) return;
    if (claim !== undefined)
      await this.#record({ ...next, version: state.version + 1 }, claim, now);
  }

  /**
   * Starts (or finds, by its key) the run of the claimed `tick` and records it as the schedule's
   * last run; the state saved, or null when another worker saved first.
   */
  async #record(state: ScheduleState, tick: number, now: number): Promise<ScheduleState | null> {
    const runId = await this.#startTick(state, tick);
    const next: ScheduleState = { ...state, lastRunId: runId, lastTickAt: tick, updatedAt: now };
    delete next.startingTickAt;
    if (!(await this.#runtime.world.schedules!.save(next, state.version))) return null;
    return { ...next, version: state.version + 1 };
  }

  async #isRunning(runId: string | undefined): Promise<boolean> {
    if (runId === undefined) return false;
    const run = await this.#runtime.world.getRun(runId);
    return run !== null && !TERMINAL_RUN_STATUSES.has(run.status);
  }

  /** Starts (or finds) the run of `tick`; returns its ID. */
  async #startTick(schedule: ScheduleState, tick: number): Promise<string> {
    const key = tickKey(schedule.id, tick);
    const once = await createRunOnce(
      this.#runtime,
      createRunId(this.#clock.now()),
      {
        workflowName: schedule.workflowName,
        input: schedule.input,
        seed: createSeed(),
        idempotencyKey: key,
      },
      key,
    );
    return once.runId;
  }
}
