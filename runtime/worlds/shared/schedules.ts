/**
 * Schedules as a world stores them (`World.schedules`): the definition (`schedule()`), and where
 * its ticks stand. Every worker's ticker (runtime/schedule/ticker.ts) reads them and moves them
 * on with `save`, a compare-and-set on `version`, so that two workers never both advance one
 * schedule from the same state; the run of a tick is made once by its idempotency key
 * (`schedule:<id>:<tick>`), whichever worker gets there.
 */

/** What a tick does while the schedule's previous run is still going. */
export type OverlapPolicy = "skip" | "allow" | "queue";

export const OVERLAP_POLICIES: readonly OverlapPolicy[] = ["skip", "allow", "queue"];

export interface ScheduleState {
  /** Unique per world; the idempotency keys of its runs are `schedule:<id>:<tick epoch ms>`. */
  id: string;
  workflowName: string;
  /** A 5-field cron expression (runtime/schedule/cron.ts). */
  cron: string;
  /** IANA time zone the cron expression is read in. */
  timezone: string;
  /** The serialized arguments array of each run. */
  input: string;
  overlap: OverlapPolicy;
  /** A paused schedule starts nothing; resuming it goes on from the next tick after that time. */
  paused: boolean;
  /** Epoch ms of the next tick to fire; undefined when the expression never fires again. */
  nextTickAt?: number;
  /** The last tick that started a run, and that run. */
  lastTickAt?: number;
  lastRunId?: string;
  /** A tick claimed whose run is not recorded yet (see runtime/schedule/ticker.ts). */
  startingTickAt?: number;
  /** `overlap: "queue"`: the one tick waiting for the previous run to end. */
  queuedTickAt?: number;
  /** Ticks skipped because the previous run was still going (`overlap: "skip"`), and the last. */
  skippedTicks: number;
  lastSkippedAt?: number;
  createdAt: number;
  updatedAt: number;
  /** Moved on by every save (see ScheduleStore.save). */
  version: number;
}

/**
 * Where a world keeps its schedules. Durable like the runs (file: survives kill -9; Postgres:
 * shared by every worker); small (one record per schedule).
 */
export interface ScheduleStore {
  /** Every schedule, by ID. */
  list(): Promise<ScheduleState[]>;
  get(id: string): Promise<ScheduleState | null>;
  /**
   * Stores `schedule` with `version: expectedVersion + 1` (1 for a new one) if the stored one has
   * `expectedVersion` (null: there is none); false, storing nothing, when another write came
   * first.
   */
  save(schedule: ScheduleState, expectedVersion: number | null): Promise<boolean>;
  /** Deletes a schedule; false when there was none. Its runs stay. */
  delete(id: string): Promise<boolean>;
}

/** The versioned write every store applies: the schedule as it is stored. */
export function nextVersion(
  schedule: ScheduleState,
  expectedVersion: number | null,
): ScheduleState {
  return { ...schedule, version: (expectedVersion ?? 0) + 1 };
}

/** Schedules in a Map: the memory world's and the test world's. */
export class MemoryScheduleStore implements ScheduleStore {
  readonly #byId = new Map<string, string>();

  async list(): Promise<ScheduleState[]> {
    return [...this.#byId.values()].map((text) => JSON.parse(text) as ScheduleState);
  }

  async get(id: string): Promise<ScheduleState | null> {
    const text = this.#byId.get(id);
    return text === undefined ? null : (JSON.parse(text) as ScheduleState);
  }

  async save(schedule: ScheduleState, expectedVersion: number | null): Promise<boolean> {
    const stored = this.#byId.get(schedule.id);
    const version = stored === undefined ? null : (JSON.parse(stored) as ScheduleState).version;
    if (version !== expectedVersion) return false;
    this.#byId.set(schedule.id, JSON.stringify(nextVersion(schedule, expectedVersion)));
    return true;
  }

  async delete(id: string): Promise<boolean> {
    return this.#byId.delete(id);
  }
}
