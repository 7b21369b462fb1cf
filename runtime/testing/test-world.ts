import { randomBytes } from "node:crypto";
import { IdempotencyKeyInUseError, idempotencyKeyOf } from "../worlds/shared/idempotency.js";
import { MemoryScheduleStore } from "../worlds/shared/schedules.js";
import { assertRunId, isSafeId, stampEvent, stringifyEvent } from "../worlds/shared/check-event.js";
import type { NewEvent, StoredEvent } from "../worlds/shared/events.js";
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  isAfterCursor,
  pageLimit,
} from "../worlds/shared/run-cursor.js";
import { applyEvent, foldEvents } from "../worlds/shared/state/apply.js";
import {
  type HookState,
  type RunState,
  TERMINAL_RUN_STATUSES,
} from "../worlds/shared/state/types.js";
import { queueKeys, type RunFilter, type RunPage, type World } from "../worlds/shared/world.js";
import { WorldError } from "../worlds/shared/world-error.js";
import { toSummary } from "../worlds/local/run-page.js";
import { createMemoryStreams } from "../worlds/memory/memory-chunks.js";
import type { StreamStore } from "../worlds/shared/stream-store.js";
import type { StreamWrite } from "./decisions.js";
import { withStreamFaults } from "./stream-faults.js";
import { ADMITTED, refuseAdmissions, waitsForSlot } from "../worlds/shared/concurrency.js";
import { SlotLines } from "../worlds/shared/slot-lines.js";
import type { VirtualClock } from "./virtual-clock.js";
import { VirtualQueue, type VirtualQueueOptions } from "./virtual-queue.js";

/** Options of {@link TestWorld}. */
export interface TestWorldOptions extends VirtualQueueOptions {
  /** Fault injection: storing this stream chunk fails (see `Faults.failStreamWrites`). */
  failStreamWrite?: (write: StreamWrite) => boolean;
}

/**
 * The world of `workflow/testing`: everything in memory, events stamped with the virtual clock,
 * and the virtual queue. It applies the same checks as every world (`shared/check-event.ts`,
 * `shared/state/`), so a refusal in production is a refusal here; events are stored as JSON
 * text, so a value that would not survive the file world does not survive here either.
 */
export class TestWorld implements World {
  readonly name = "test";
  readonly exclusive = true;
  readonly queue: VirtualQueue;
  readonly streams: StreamStore;
  readonly #store = createMemoryStreams();
  readonly schedules = new MemoryScheduleStore();
  readonly #clock: VirtualClock;
  readonly #storedListeners = new Set<(event: StoredEvent) => void>();
  readonly #logs = new Map<string, string[]>();
  readonly #states = new Map<string, RunState>();
  readonly #slots = new SlotLines();
  readonly #secret = randomBytes(32).toString("hex");
  #closed = false;

  constructor(clock: VirtualClock, options: TestWorldOptions = {}) {
    this.#clock = clock;
    this.queue = new VirtualQueue(clock, options);
    const fails = options.failStreamWrite;
    this.streams = fails ? withStreamFaults(this.#store, fails) : this.#store;
  }

  /**
   * Calls `listener` with every event stored, whoever appends it (also a process that is killed
   * right after, whose own listeners never hear of it); returns an unsubscribe function.
   */
  onStored(listener: (event: StoredEvent) => void): () => void {
    this.#storedListeners.add(listener);
    return () => this.#storedListeners.delete(listener);
  }

  async start(): Promise<void> {}

  async getSecret(): Promise<string> {
    return this.#secret;
  }

  async append(runId: string, events: NewEvent[]): Promise<StoredEvent[]> {
    if (Array.isArray(events)) refuseAdmissions(events);
    return this.#append(runId, events);
  }

  async #append(runId: string, events: NewEvent[]): Promise<StoredEvent[]> {
    if (this.#closed) throw new Error(`World test is closed; append to run ${runId} refused`);
    assertRunId(runId);
    if (!Array.isArray(events))
      throw new WorldError("INVALID_EVENT", "append() needs an array of events");
    if (events.length === 0) return [];
    const initial = this.#states.get(runId) ?? null;
    const key = idempotencyKeyOf(events);
    if (key !== undefined && !initial)
      for (const run of this.#states.values())
        if (run.idempotencyKey === key) throw new IdempotencyKeyInUseError(key, run.runId);
    const createdAt = Math.max(this.#clock.now(), initial?.updatedAt ?? 0);
    const firstIndex = initial?.eventCount ?? 0; // applyEvent updates `initial` in place
    let state = initial;
    const wasEnded = initial !== null && TERMINAL_RUN_STATUSES.has(initial.status);
    const stored: StoredEvent[] = [];
    const lines: string[] = [];
    try {
      for (let i = 0; i < events.length; i++) {
        let event = stampEvent(events[i], i, {
          runId,
          index: firstIndex + i,
          createdAt,
        });
        if (event.type === "hook_created") {
          const holder = this.#holderOf(event.data.token, state);
          if (holder)
            event = {
              ...event,
              type: "hook_conflict",
              data: { token: event.data.token, conflictingRunId: holder.runId },
            };
        }
        lines.push(stringifyEvent(event));
        state = applyEvent(state, event);
        stored.push(event);
      }
      const limit = initial ? undefined : state?.concurrency;
      if (limit && waitsForSlot(state!) && this.#slots.hasRoom(limit.key, limit.limit)) {
        const at = { runId, index: firstIndex + stored.length, createdAt };
        stored.push(stampEvent(ADMITTED, stored.length, at));
        lines.push(stringifyEvent(stored.at(-1)!));
        state = applyEvent(state, stored.at(-1)!);
      }
    } catch (error) {
      // applyEvent changes the state in place: a batch refused past its first event is undone.
      if (initial && stored.length > 0) this.#states.set(runId, this.#fold(runId) as RunState);
      throw error;
    }
    let log = this.#logs.get(runId);
    if (!log) this.#logs.set(runId, (log = []));
    log.push(...lines);
    if (state) this.#states.set(runId, state);
    for (const listener of this.#storedListeners) for (const event of stored) listener(event);
    if (state?.concurrency) await this.#moveLine(state, initial === null, wasEnded);
    return stored;
  }

  /** Keeps the concurrency lines (shared/concurrency.ts): a new run joins, an ended one admits the next. */
  async #moveLine(run: RunState, created: boolean, wasEnded: boolean): Promise<void> {
    if (created) return this.#slots.add(run);
    if (wasEnded || !TERMINAL_RUN_STATUSES.has(run.status)) return;
    if (this.#slots.remove(run.runId) === undefined) return;
    for (const next of this.#slots.admitNext(run.concurrency!.key)) {
      await this.#append(next, [ADMITTED]);
      await this.queue.enqueue(
        { kind: "workflow", runId: next },
        { key: queueKeys.workflow(next) },
      );
    }
  }

  async readEvents(runId: string, fromIndex = 0): Promise<StoredEvent[]> {
    const lines = this.#logs.get(runId) ?? [];
    return lines.slice(fromIndex).map((line) => JSON.parse(line) as StoredEvent);
  }

  async getRun(runId: string): Promise<RunState | null> {
    return isSafeId(runId) ? (this.#states.get(runId) ?? null) : null;
  }

  async listRuns(filter: RunFilter = {}): Promise<RunPage> {
    const limit = pageLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    const runs = [...this.#states.values()]
      .filter(
        (run) =>
          (filter.status === undefined || run.status === filter.status) &&
          (filter.workflowName === undefined || run.workflowName === filter.workflowName) &&
          (cursor === undefined || isAfterCursor(run, cursor)),
      )
      .map(toSummary)
      .sort(compareNewestFirst);
    const page = runs.slice(0, limit);
    return { runs: page, next: runs.length > limit ? encodeCursor(page[page.length - 1]!) : null };
  }

  async prune(options: { finishedBefore: number; limit?: number }): Promise<{ deleted: number }> {
    let deleted = 0;
    for (const run of [...this.#states.values()]) {
      if (deleted >= (options.limit ?? 1_000)) break;
      if (!TERMINAL_RUN_STATUSES.has(run.status)) continue;
      if ((run.completedAt ?? run.updatedAt) >= options.finishedBefore) continue;
      this.#states.delete(run.runId);
      this.#logs.delete(run.runId);
      await this.#store.deleteRun(run.runId);
      deleted++;
    }
    return { deleted };
  }

  async getHookByToken(token: string): Promise<(HookState & { runId: string }) | null> {
    const holder = this.#holderOf(token, null);
    return holder ? { ...holder.hook, runId: holder.runId } : null;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.queue.close();
    this.#closed = true;
    await this.#store.close();
  }

  /** The live hook holding `token`: an active hook of an unfinished run (`pending`: one not stored yet). */
  #holderOf(token: string, pending: RunState | null) {
    const runs = [...this.#states.values()];
    if (pending && !this.#states.has(pending.runId)) runs.push(pending);
    for (const run of runs) {
      if (TERMINAL_RUN_STATUSES.has(run.status)) continue;
      for (const hook of run.hooks.values())
        if (hook.status === "active" && hook.token === token) return { runId: run.runId, hook };
    }
    return undefined;
  }

  #fold(runId: string): RunState | null {
    return foldEvents((this.#logs.get(runId) ?? []).map((line) => JSON.parse(line) as StoredEvent));
  }
}
