import { assertRunId, isSafeId, stampEvent } from "../shared/check-event.js";
import type { NewEvent, StoredEvent } from "../shared/events.js";
import type { Release } from "../shared/hook-tokens.js";
import { applyEvent } from "../shared/state/apply.js";
import { type HookState, type RunState, TERMINAL_RUN_STATUSES } from "../shared/state/types.js";
import {
  type AppendOptions,
  type Durability,
  queueKeys,
  type QuarantinedRun,
  type RunFilter,
  type RunPage,
  type World,
} from "../shared/world.js";
import { decodeCursor, pageLimit } from "../shared/run-cursor.js";
import { WorldError } from "../shared/world-error.js";
import { HookTokenIndex } from "./hook-token-index.js";
import { LocalQueue, type LocalQueueOptions } from "./local-queue.js";
import type { LocalStreams } from "./local-streams.js";
import type { LogStorage, RunChange } from "./log-storage.js";
import { mapWithLimit } from "./map-with-limit.js";
import { createRandomSecret, createSecretSource } from "../shared/secret.js";
import { retentionMs } from "../shared/retention.js";
import { FinishedRuns } from "./finished-runs.js";
import { listRunPage, quarantinedError, toSummary } from "./run-page.js";
import { RetentionSweep } from "./retention-sweep.js";
import { stampBatch } from "./stamp-batch.js";
import { foldLog, readRun, type ReadRunOptions } from "./read-run.js";
import { ADMITTED, refuseAdmissions, waitsForSlot } from "../shared/concurrency.js";
import { SlotLines } from "../shared/slot-lines.js";
import { IdempotencyKeyInUseError, idempotencyKeyOf } from "../shared/idempotency.js";
import { RunKeys } from "./run-keys.js";
import type { ScheduleStore } from "../shared/schedules.js";

/** A batch the world appends to another run (`run_admitted`) with the batch that caused it. */
type Admission = { runId: string; stored: StoredEvent[]; change: RunChange };

/** Options every in-process world (memory, file) takes. */
export interface LocalWorldOptions extends LocalQueueOptions {
  /** Run logs read at once by `start()`. @default 64 */
  loadConcurrency?: number;
  /**
   * The key that signs deliveries to the flow and step routes; at least 32 bytes.
   * @default process.env.WORKFLOW_SECRET, else the backend's own (file: kept in the data
   * directory; memory: random per process)
   */
  secret?: string;
  /**
   * How long finished runs are kept: they are deleted (with their streams) in the background
   * once they finished this long ago, as `"30d"`, `"12h"`, `"90m"` or milliseconds. Running
   * runs are never touched. `world.prune()` is the one-off call.
   * @default process.env.WORKFLOW_RETENTION, else forever
   */
  retention?: string | number;
  /**
   * Reads only (the file world beside its writer): `start()` enqueues nothing, every read goes
   * to the storage, and appends throw.
   * @default false
   */
  readOnly?: boolean;
  /** Finished runs whose state is kept in memory for `getRun`, most recent first. @default 100 */
  finishedCacheSize?: number;
}

type Phase = "new" | "starting" | "open" | "closed";

/**
 * A World over a {@link LogStorage}: the part the memory and file worlds share.
 *
 * Every unfinished run's state lives in memory, folded from its log by `start()` (which reads
 * only the runs the storage lists as active) and then kept current by `append`, which validates each event with `applyEvent` against that state before handing the
 * batch to the storage. Validation is synchronous, so appends to a run are serialized by
 * construction, and the storage writes a run's batches in call order (coalescing the ones that
 * queue up behind a write: group commit). A batch that fails after changing the state (an
 * invalid event past the first, or a failed write) has the run rebuilt from its stored log;
 * calls on that run wait for the rebuild.
 *
 * A run that finishes leaves that map for a small cache of finished runs; a finished run not in
 * it is read from the storage when asked for, and `listRuns` pages finished runs from the
 * storage's index. Memory is bounded by the active runs, not by every run ever made.
 *
 * The state is updated when a batch is validated, before its write completes, so `getRun` may
 * be ahead of `readEvents` by the batches being written (and goes back if such a write fails).
 */
export class LocalWorld implements World {
  readonly name: string;
  /** One process owns the log (see World.exclusive). */
  readonly exclusive = true;
  readonly queue: LocalQueue;
  readonly streams: LocalStreams;
  /** Set by the backend (memory, file) after construction. */
  declare readonly schedules?: ScheduleStore;
  readonly #storage: LogStorage;
  readonly #loadConcurrency: number;
  readonly #debug: LocalWorldOptions["debug"];
  /** Runs not finished. */
  readonly #runs = new Map<string, RunState>();
  readonly #finished: FinishedRuns;
  /** Loads in progress, so that concurrent calls on one run read its log once. */
  readonly #loading = new Map<string, Promise<RunState | null>>();
  readonly #readOnly: boolean;
  readonly #readOptions: ReadRunOptions;
  readonly #retentionMs: number | undefined;
  #retention: RetentionSweep | undefined;
  /** Runs with a write in flight, and how many: their state in memory is ahead of the storage. */
  readonly #writing = new Map<string, number>();
  readonly #tokens = new HookTokenIndex();
  /** The concurrency lines of the unfinished runs (shared/concurrency.ts). */
  readonly #slots = new SlotLines();
  /** Idempotency keys of the runs in memory not yet stored as finished. */
  readonly #keys = new RunKeys();
  /** Runs being rebuilt after a failed batch; a rejected gate means the run could not be reloaded. */
  readonly #gates = new Map<string, Promise<void>>();
  readonly #errors: unknown[] = [];
  #phase: Phase = "new";
  #starting: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  readonly getSecret: () => Promise<string | undefined>;

  /**
   * `storage` keeps the run logs, `streams` the output streams (each backend brings its own);
   * `defaultSecret` makes the secret when none is configured (see `shared/secret.ts`).
   */
  constructor(
    storage: LogStorage,
    streams: LocalStreams,
    options: LocalWorldOptions = {},
    defaultSecret: () => Promise<string> = async () => createRandomSecret(),
  ) {
    this.getSecret = createSecretSource(options.secret, defaultSecret);
    this.name = storage.name;
    this.#storage = storage;
    this.#loadConcurrency = options.loadConcurrency ?? 64;
    this.#debug = options.debug;
    this.#readOnly = options.readOnly ?? false;
    this.#readOptions = { readOnly: this.#readOnly, debug: options.debug };
    this.#retentionMs = retentionMs(options.retention);
    this.#finished = new FinishedRuns(options.finishedCacheSize ?? 100, (runId) =>
      this.#writing.has(runId),
    );
    this.queue = new LocalQueue(options);
    this.streams = streams;
  }

  start(): Promise<void> {
    if (this.#phase === "closed") return Promise.reject(new Error(`World ${this.name} is closed`));
    this.#starting ??= this.#load();
    return this.#starting;
  }

  async #load(): Promise<void> {
    this.#phase = "starting";
    await this.#storage.open();
    if (this.#readOnly) {
      if (this.#phase === "starting") this.#phase = "open";
      return;
    }
    await this.getSecret(); // the file world makes its secret at the first start
    const runIds = (await this.#storage.listActiveRunIds()).filter(isSafeId);
    const states = await mapWithLimit(runIds, this.#loadConcurrency, async (runId) => {
      const state = await readRun(this.#storage, runId, this.#readOptions).catch(
        (error: unknown) => {
          if (WorldError.is(error, "RUN_QUARANTINED")) return null;
          throw error;
        },
      );
      if (state && !TERMINAL_RUN_STATUSES.has(state.status)) return state;
      // Finished (or never stored) while still marked active: a crash came in between.
      await this.#storage.settle(runId, state ? toSummary(state) : null);
      return null;
    });
    const unfinished: RunState[] = [];
    for (const state of states) {
      if (!state) continue;
      this.#runs.set(state.runId, state);
      this.#tokens.resync(state.runId, state);
      this.#slots.add(state);
      this.#keys.resync(state.runId, state);
      unfinished.push(state);
    }
    // A crash between the end of a run holding a slot and the admission of the next: admit now.
    for (const key of this.#slots.keys()) await this.#admitNextOf(key);
    if (this.#phase === "starting") this.#phase = "open"; // not if close() came first
    this.#debug?.("world started", { world: this.name, unfinished: unfinished.length });
    unfinished.sort((a, b) => a.createdAt - b.createdAt);
    for (const { runId } of unfinished) {
      await this.queue.enqueue({ kind: "workflow", runId }, { key: queueKeys.workflow(runId) });
    }
    if (this.#retentionMs !== undefined && this.#phase === "open") {
      this.#retention = new RetentionSweep(this.#retentionMs, (o) => this.prune(o), this.#debug);
    }
  }

  /** The run's state if it is in memory (active, or among the recently finished). */
  #inMemory(runId: string): RunState | undefined {
    return this.#runs.get(runId) ?? this.#finished.get(runId);
  }

  /** The run's state in memory, loading it from the storage once if it is not there. */
  async #cached(runId: string): Promise<RunState | null> {
    const known = this.#inMemory(runId);
    if (known) return known;
    let loading = this.#loading.get(runId);
    if (!loading) {
      loading = readRun(this.#storage, runId, this.#readOptions).finally(() =>
        this.#loading.delete(runId),
      );
      this.#loading.set(runId, loading);
    }
    const state = await loading;
    // An append may have created or changed the run meanwhile: what is in memory wins.
    const now = this.#runs.get(runId) ?? this.#finished.get(runId);
    if (now || !state) return now ?? null;
    if (TERMINAL_RUN_STATUSES.has(state.status)) this.#finished.set(runId, state);
    else {
      this.#runs.set(runId, state);
      this.#tokens.resync(runId, state);
      this.#keys.resync(runId, state);
    }
    return state;
  }

  async append(
    runId: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<StoredEvent[]> {
    // Awaits only what there is to wait for: each await is a promise, and appends are the hot path.
    if (this.#phase !== "open") await this.#ready("append");
    if (this.#phase === "closed")
      throw new Error(`World ${this.name} is closed; append to run ${runId} refused`);
    assertRunId(runId);
    if (!Array.isArray(events))
      throw new WorldError("INVALID_EVENT", "append() needs an array of events");
    if (this.#readOnly)
      throw new Error(`World ${this.name} is read-only; append to run ${runId} refused`);
    for (let gate = this.#gates.get(runId); gate; gate = this.#gates.get(runId)) await gate;
    if (events.length === 0) return [];
    refuseAdmissions(events);
    const key = idempotencyKeyOf(events);
    if (!this.#inMemory(runId)) await this.#cached(runId);
    for (;;) {
      for (let gate = this.#gates.get(runId); gate; gate = this.#gates.get(runId)) await gate;
      if (key === undefined) break;
      const generation = await this.#checkKey(key, runId);
      // A holder may have moved from memory to the storage while the check awaited: look again.
      if (generation === this.#keys.generation && !this.#gates.has(runId)) break;
    }
    // From here to the storage call nothing awaits: this is what serializes a run's appends.
    const { stored, releases, change, admitted } = this.#validate(runId, events, key);
    const written = this.#write(runId, stored, change, options.durability);
    // Issued now, behind this batch: the runs that took the slots it freed, then their messages.
    const admissions = admitted.map(async (next) => {
      await this.#write(next.runId, next.stored, next.change);
      await this.queue.enqueue(
        { kind: "workflow", runId: next.runId },
        { key: queueKeys.workflow(next.runId) },
      );
    });
    await written;
    for (const { token, holder } of releases) this.#tokens.release(token, holder);
    // Stored as finished: the storage answers for its key from now on.
    if (change.finished) this.#keys.release(runId);
    if (admissions.length === 0) return stored;
    const failed = (await Promise.allSettled(admissions)).find((r) => r.status === "rejected");
    if (failed) this.#errors.push(failed.reason);
    return stored;
  }

  /**
   * Admits the runs at the head of `key`'s line that fit now (start-up, and after a failed
   * write), writes their `run_admitted` and queues them. An append that ends a run holding a
   * slot admits the next in `#validate` instead, with nothing awaited in between.
   */
  async #admitNextOf(key: string): Promise<void> {
    for (const next of this.#slots.admitNext(key)) {
      const { stored, change } = this.#validate(next, [ADMITTED], undefined);
      await this.#write(next, stored, change);
      await this.queue.enqueue(
        { kind: "workflow", runId: next },
        { key: queueKeys.workflow(next) },
      );
    }
  }

  /** Hands a validated batch to the storage; a failed write has the run rebuilt from its log. */
  #write(
    runId: string,
    stored: StoredEvent[],
    change: RunChange,
    durability?: Durability,
  ): Promise<void> {
    this.#writing.set(runId, (this.#writing.get(runId) ?? 0) + 1);
    const written = () => {
      const writes = (this.#writing.get(runId) ?? 1) - 1;
      if (writes === 0) this.#writing.delete(runId);
      else this.#writing.set(runId, writes);
    };
    let appended: Promise<void>;
    try {
      appended = this.#storage.append(runId, stored, change, durability);
    } catch (error) {
      appended = Promise.reject(error); // a storage that throws at once fails the same way
    }
    return appended.then(written, (error: unknown) => {
      this.#rebuild(runId);
      written();
      throw error;
    });
  }

  /**
   * Throws IDEMPOTENCY_KEY_IN_USE when a retained run other than `runId` holds `key`; returns the
   * generation of the in-memory keys it looked at. A key the storage names for a run that is
   * gone (pruned, or never stored) is free.
   */
  async #checkKey(key: string, runId: string): Promise<number> {
    const generation = this.#keys.generation;
    const inMemory = this.#keys.get(key);
    if (inMemory !== undefined && inMemory !== runId)
      throw new IdempotencyKeyInUseError(key, inMemory);
    const stored = inMemory ?? (await this.#storage.findRunByKey(key));
    if (stored !== undefined && stored !== runId && (await this.#cached(stored)))
      throw new IdempotencyKeyInUseError(key, stored);
    return generation;
  }

  /**
   * Stamps and applies a batch (stamp-batch.ts), checks its idempotency key, admits it to a
   * concurrency slot or, when it ends a slot's holder, the next in line; on a refusal the state
   * is restored.
   */
  #validate(
    runId: string,
    events: readonly NewEvent[],
    key: string | undefined,
  ): { stored: StoredEvent[]; releases: Release[]; change: RunChange; admitted: Admission[] } {
    const initial = this.#runs.get(runId) ?? this.#finished.get(runId) ?? null;
    const wasFinished = initial !== null && TERMINAL_RUN_STATUSES.has(initial.status);
    const createdAt = Math.max(Date.now(), initial?.updatedAt ?? 0);
    if (key !== undefined) {
      const holder = this.#keys.get(key);
      if (holder !== undefined && holder !== runId) throw new IdempotencyKeyInUseError(key, holder);
    }
    const batch = stampBatch(this.#tokens, runId, initial, events, createdAt, () =>
      this.#rebuild(runId),
    );
    let { state } = batch;
    const { stored, releases } = batch;
    const admitted: Admission[] = [];
    if (state?.concurrency) {
      const { key: line, limit } = state.concurrency;
      if (!initial && waitsForSlot(state) && this.#slots.hasRoom(line, limit)) {
        const index = state.eventCount;
        const event = stampEvent(ADMITTED, stored.length, { runId, index, createdAt });
        state = applyEvent(state, event);
        stored.push(event);
      }
      if (!initial) this.#slots.add(state);
      else if (!wasFinished && TERMINAL_RUN_STATUSES.has(state.status) && this.#slots.remove(runId))
        for (const next of this.#slots.admitNext(line)) {
          try {
            admitted.push({ runId: next, ...this.#validate(next, [ADMITTED], undefined) });
          } catch (error) {
            this.#errors.push(error); // cannot happen to a waiting run in memory; reported at close
          }
        }
    }
    const change: RunChange = {};
    if (!initial) change.created = true;
    if (!initial && key !== undefined) {
      change.idempotencyKey = key;
      this.#keys.claim(key, runId);
    }
    if (state && !wasFinished && TERMINAL_RUN_STATUSES.has(state.status)) {
      change.finished = toSummary(state);
      this.#runs.delete(runId);
      this.#finished.set(runId, state);
    } else if (!initial && state) {
      this.#runs.set(runId, state);
    }
    return { stored, releases, change, admitted };
  }

  /**
   * Reloads a run from its stored log after a batch changed its state and then failed. Calls on
   * the run wait; writes already issued settle first so that the log read is final.
   */
  #rebuild(runId: string): void {
    if (this.#gates.has(runId)) return;
    const gate = (async () => {
      await this.#storage.flush(runId).catch(() => {});
      const state = foldLog(this.#storage, runId, await this.#storage.read(runId, 0));
      this.#runs.delete(runId);
      this.#finished.delete(runId);
      const finished = state !== null && TERMINAL_RUN_STATUSES.has(state.status);
      if (finished) this.#finished.set(runId, state);
      else if (state) this.#runs.set(runId, state);
      this.#tokens.resync(runId, finished ? null : state);
      this.#keys.resync(runId, finished ? null : state);
      const key = state?.concurrency ? state.concurrency.key : this.#slots.remove(runId);
      if (state) this.#slots.add(state);
      if (key !== undefined) await this.#admitNextOf(key);
    })();
    this.#gates.set(runId, gate);
    gate.then(
      () => this.#gates.delete(runId),
      (error: unknown) => {
        // The gate stays rejected: the run refuses every call until the world restarts.
        this.#errors.push(error);
        this.#debug?.("could not reload run after a failed batch", { runId, error });
      },
    );
  }

  async readEvents(runId: string, fromIndex = 0): Promise<StoredEvent[]> {
    if (this.#phase !== "open") await this.#ready("readEvents");
    if (!Number.isInteger(fromIndex) || fromIndex < 0) {
      throw new RangeError(
        `readEvents: fromIndex must be a non-negative integer, got ${fromIndex}`,
      );
    }
    if (!isSafeId(runId)) return [];
    let quarantined = this.#storage.quarantined?.(runId);
    if (quarantined instanceof Promise) quarantined = await quarantined;
    if (quarantined) throw quarantinedError(quarantined);
    return this.#storage.read(runId, fromIndex);
  }

  /** The cached state itself, shared with the world and updated in place: callers must not mutate it. */
  async getRun(runId: string): Promise<RunState | null> {
    if (this.#phase !== "open") await this.#ready("getRun");
    if (!isSafeId(runId)) return null;
    if (this.#readOnly) return readRun(this.#storage, runId, this.#readOptions);
    const gate = this.#gates.get(runId);
    if (gate) await gate;
    return this.#inMemory(runId) ?? this.#cached(runId);
  }

  async listRuns(filter: RunFilter = {}): Promise<RunPage> {
    const limit = pageLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    await this.#ready("listRuns");
    await Promise.allSettled(this.#gates.values());
    const inMemory = this.#readOnly
      ? await this.#readActive()
      : [...this.#runs.values(), ...this.#finished.values()];
    return listRunPage(inMemory, this.#storage, filter, limit, cursor);
  }

  async prune(options: { finishedBefore: number; limit?: number }): Promise<{ deleted: number }> {
    const { finishedBefore, limit = 1_000 } = options ?? {};
    if (!Number.isFinite(finishedBefore))
      throw new TypeError(
        `prune: finishedBefore must be a time in epoch ms, got ${finishedBefore}`,
      );
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`prune: limit must be a positive integer, got ${limit}`);
    await this.#ready("prune");
    if (this.#readOnly) throw new Error(`World ${this.name} is read-only; prune() refused`);
    const deleted = await this.#storage.pruneFinished(finishedBefore, limit, (runId) =>
      this.#runs.has(runId),
    );
    for (const runId of deleted) {
      this.#finished.delete(runId);
      await this.streams.deleteRun(runId);
    }
    if (deleted.length > 0) this.#debug?.("pruned finished runs", { deleted: deleted.length });
    return { deleted: deleted.length };
  }

  async listQuarantined(): Promise<QuarantinedRun[]> {
    await this.#ready("listQuarantined");
    return (await this.#storage.listQuarantined?.()) ?? [];
  }

  /** Read-only: the states of the runs the storage lists as active, read now. */
  async #readActive(): Promise<RunState[]> {
    const ids = (await this.#storage.listActiveRunIds()).filter(isSafeId);
    const states = await mapWithLimit(ids, this.#loadConcurrency, (runId) =>
      readRun(this.#storage, runId, this.#readOptions).catch(() => null),
    );
    return states.filter((state): state is RunState => state !== null);
  }

  async getHookByToken(token: string): Promise<(HookState & { runId: string }) | null> {
    await this.#ready("getHookByToken");
    if (this.#readOnly) {
      for (const run of await this.#readActive())
        for (const hook of run.hooks.values())
          if (hook.status === "active" && hook.token === token)
            return { ...hook, runId: run.runId };
      return null;
    }
    const holder = this.#tokens.get(token);
    if (!holder) return null;
    await this.#gates.get(holder.runId);
    const hook = this.#runs.get(holder.runId)?.hooks.get(holder.hookId);
    return hook?.status === "active" && hook.token === token
      ? { ...hook, runId: holder.runId }
      : null;
  }

  /**
   * Stops the queue (waiting for running handlers, which may still append), then flushes and
   * closes the storage, then the streams (pending appends are stored; waiting readers end).
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    const errors: unknown[] = [];
    await this.queue.close().catch((error: unknown) => errors.push(error));
    this.#phase = "closed";
    await Promise.allSettled([this.#starting, this.#retention?.stop(), ...this.#gates.values()]);
    await this.#storage.flush().catch((error: unknown) => errors.push(error));
    // Streams before the storage: their pending writes go through the same journal.
    await this.streams.close().catch((error: unknown) => errors.push(error));
    await this.#storage.close().catch((error: unknown) => errors.push(error));
    errors.push(...this.#errors);
    if (errors.length > 0) throw errors[0];
  }

  /** Resolves once the logs are loaded; refuses calls made before `start()`. */
  async #ready(operation: string): Promise<void> {
    if (this.#phase === "open" || this.#phase === "closed") return;
    if (this.#phase === "new") {
      throw new Error(
        `World ${this.name}: ${operation}() before start(); call await world.start() first`,
      );
    }
    await this.#starting;
  }
}
