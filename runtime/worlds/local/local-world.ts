import { assertRunId, isSafeId, stampEvent } from "../shared/check-event.js";
import type { NewEvent, StoredEvent } from "../shared/events.js";
import { type Release, type TokenHolder, tokensFreedBy } from "../shared/hook-tokens.js";
import { applyEvent } from "../shared/state/apply.js";
import {
  type HookState,
  type RunState,
  type RunSummary,
  TERMINAL_RUN_STATUSES,
} from "../shared/state/types.js";
import type { RunFilter, RunPage, World } from "../shared/world.js";
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  isAfterCursor,
  pageLimit,
} from "../shared/run-cursor.js";
import { WorldError } from "../shared/world-error.js";
import { HookTokenIndex } from "./hook-token-index.js";
import { LocalQueue, type LocalQueueOptions } from "./local-queue.js";
import type { LocalStreams } from "./local-streams.js";
import type { LogStorage } from "./log-storage.js";
import { mapWithLimit } from "./map-with-limit.js";
import { createRandomSecret, createSecretSource } from "../shared/secret.js";

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
}

type Phase = "new" | "starting" | "open" | "closed";

/**
 * A World over a {@link LogStorage}: the part the memory and file worlds share.
 *
 * Every run's state lives in memory, folded from its log by `start()` and then kept current by
 * `append`, which validates each event with `applyEvent` against that state before handing the
 * batch to the storage. Validation is synchronous, so appends to a run are serialized by
 * construction, and the storage writes a run's batches in call order (coalescing the ones that
 * queue up behind a write: group commit). A batch that fails after changing the state (an
 * invalid event past the first, or a failed write) has the run rebuilt from its stored log;
 * calls on that run wait for the rebuild.
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
  readonly #storage: LogStorage;
  readonly #loadConcurrency: number;
  readonly #debug: LocalWorldOptions["debug"];
  readonly #runs = new Map<string, RunState>();
  readonly #tokens = new HookTokenIndex();
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
    await this.getSecret(); // the file world makes its secret at the first start
    const runIds = (await this.#storage.listRunIds()).filter(isSafeId);
    const states = await mapWithLimit(runIds, this.#loadConcurrency, async (runId) =>
      this.#fold(runId, await this.#storage.load(runId)),
    );
    const unfinished: RunState[] = [];
    for (const state of states) {
      if (!state) continue; // an empty log: a crash before the run's first batch was stored
      this.#runs.set(state.runId, state);
      this.#tokens.resync(state.runId, state);
      if (!TERMINAL_RUN_STATUSES.has(state.status)) unfinished.push(state);
    }
    if (this.#phase === "starting") this.#phase = "open"; // not if close() came first
    this.#debug?.("world started", {
      world: this.name,
      runs: this.#runs.size,
      unfinished: unfinished.length,
    });
    unfinished.sort((a, b) => a.createdAt - b.createdAt);
    for (const { runId } of unfinished) {
      await this.queue.enqueue({ kind: "workflow", runId }, { key: `wf:${runId}` });
    }
  }

  /** A stored log's state; an event the rules refuse is corruption, reported with its place. */
  #fold(runId: string, events: readonly StoredEvent[]): RunState | null {
    let state: RunState | null = null;
    for (const event of events) {
      try {
        state = applyEvent(state, event);
      } catch (error) {
        throw new Error(
          `${this.#storage.describe(runId)} is invalid at event ${event.index} (${event.type}): ${(error as Error).message}. ` +
            "Move the log away to start without this run, or restore it from a backup.",
          { cause: error },
        );
      }
    }
    return state;
  }

  async append(runId: string, events: NewEvent[]): Promise<StoredEvent[]> {
    await this.#ready("append");
    if (this.#phase === "closed")
      throw new Error(`World ${this.name} is closed; append to run ${runId} refused`);
    assertRunId(runId);
    if (!Array.isArray(events))
      throw new WorldError("INVALID_EVENT", "append() needs an array of events");
    for (let gate = this.#gates.get(runId); gate; gate = this.#gates.get(runId)) await gate;
    if (events.length === 0) return [];
    // From here to the storage call nothing awaits: this is what serializes a run's appends.
    const { stored, releases } = this.#validate(runId, events);
    try {
      await this.#storage.append(runId, stored);
    } catch (error) {
      this.#rebuild(runId);
      throw error;
    }
    for (const { token, holder } of releases) this.#tokens.release(token, holder);
    return stored;
  }

  /** Stamps and applies a batch; on a refusal undoes its token claims and restores the state. */
  #validate(
    runId: string,
    events: readonly NewEvent[],
  ): { stored: StoredEvent[]; releases: Release[] } {
    const initial = this.#runs.get(runId) ?? null;
    let state = initial;
    const firstIndex = initial?.eventCount ?? 0;
    const createdAt = Math.max(Date.now(), initial?.updatedAt ?? 0);
    const stored: StoredEvent[] = [];
    const claims: Array<[token: string, previous: TokenHolder | undefined]> = [];
    const releases: Release[] = [];
    /** Tokens this batch released: a later `hook_created` of the batch may take them. */
    const released = new Set<string>();
    try {
      for (let i = 0; i < events.length; i++) {
        let event = stampEvent(events[i], i, { runId, index: firstIndex + i, createdAt });
        let token: string | undefined;
        if (event.type === "hook_created") {
          token = event.data.token;
          const holder = this.#tokens.get(token);
          if (holder && !released.has(token)) {
            event = {
              ...event,
              type: "hook_conflict",
              data: { token, conflictingRunId: holder.runId },
            };
            token = undefined;
          }
        }
        const freed = state ? tokensFreedBy(state, event) : [];
        state = applyEvent(state, event);
        if (token !== undefined) {
          claims.push([
            token,
            this.#tokens.claim(token, { runId, hookId: event.correlationId as string }),
          ]);
          released.delete(token);
        }
        for (const release of freed) {
          releases.push(release);
          released.add(release.token);
        }
        stored.push(event);
      }
    } catch (error) {
      for (const [token, previous] of claims.reverse()) this.#tokens.restore(token, previous);
      // applyEvent leaves the state untouched when it refuses, so only a batch that got past its
      // first event (on an existing run) has changed anything.
      if (initial && (stored.length > 0 || !WorldError.is(error))) this.#rebuild(runId);
      throw error;
    }
    if (!initial && state) this.#runs.set(runId, state);
    return { stored, releases };
  }

  /**
   * Reloads a run from its stored log after a batch changed its state and then failed. Calls on
   * the run wait; writes already issued settle first so that the log read is final.
   */
  #rebuild(runId: string): void {
    if (this.#gates.has(runId)) return;
    const gate = (async () => {
      await this.#storage.flush(runId).catch(() => {});
      const state = this.#fold(runId, await this.#storage.read(runId, 0));
      if (state) this.#runs.set(runId, state);
      else this.#runs.delete(runId);
      this.#tokens.resync(runId, state);
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
    await this.#ready("readEvents");
    if (!Number.isInteger(fromIndex) || fromIndex < 0) {
      throw new RangeError(
        `readEvents: fromIndex must be a non-negative integer, got ${fromIndex}`,
      );
    }
    if (!isSafeId(runId)) return [];
    return this.#storage.read(runId, fromIndex);
  }

  /** The cached state itself, shared with the world and updated in place: callers must not mutate it. */
  async getRun(runId: string): Promise<RunState | null> {
    await this.#ready("getRun");
    await this.#gates.get(runId);
    return this.#runs.get(runId) ?? null;
  }

  async listRuns(filter: RunFilter = {}): Promise<RunPage> {
    const limit = pageLimit(filter.limit);
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    await this.#ready("listRuns");
    await Promise.allSettled(this.#gates.values());
    const { status, workflowName } = filter;
    const runs: RunState[] = [];
    for (const run of this.#runs.values()) {
      if (
        (status === undefined || run.status === status) &&
        (workflowName === undefined || run.workflowName === workflowName) &&
        (cursor === undefined || isAfterCursor(run, cursor))
      ) {
        runs.push(run);
      }
    }
    runs.sort(compareNewestFirst);
    const page = runs.slice(0, limit).map(toSummary);
    return { runs: page, next: runs.length > limit ? encodeCursor(page[page.length - 1]!) : null };
  }

  prune(_options: { finishedBefore: number; limit?: number }): Promise<{ deleted: number }> {
    return Promise.reject(new Error(`World ${this.name}: prune() is not implemented yet`));
  }

  async getHookByToken(token: string): Promise<(HookState & { runId: string }) | null> {
    await this.#ready("getHookByToken");
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
    await Promise.allSettled([this.#starting, ...this.#gates.values()]);
    await this.#storage.flush().catch((error: unknown) => errors.push(error));
    await this.#storage.close().catch((error: unknown) => errors.push(error));
    await this.streams.close().catch((error: unknown) => errors.push(error));
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

function toSummary(run: RunState): RunSummary {
  const {
    steps: _steps,
    waits: _waits,
    hooks: _hooks,
    input: _input,
    output: _output,
    seed: _seed,
    ...summary
  } = run;
  return summary;
}
