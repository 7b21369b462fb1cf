import { GUARDED_BUNDLE_BANNER } from "../../protocol/symbols.js";
import { deserialize, serialize, type StreamCodec } from "../serialization/index.js";
import { toStoredError, toUserError } from "../errors/index.js";
import type { Duration } from "../workflow/duration.js";
import type { CreateHookRequest } from "../workflow/hooks.js";
import type { EventOf, EventType, StoredError, StoredEvent } from "../worlds/shared/events.js";
import { createCorrelationIds, createSeededRandom } from "./ids.js";
import { ReplayConsole } from "./replay-console.js";
import {
  createReplayDivergence,
  createWorkflowNotRegisteredError,
  createWorkflowStalledError,
  createWorkflowTimeoutError,
  ReplayDivergence,
  type WorkflowCall,
} from "./session-errors.js";
import { type PendingHook, SessionHooks } from "./session-hooks.js";
import { type PendingStep, type PendingWait, SessionSteps } from "./session-steps.js";
import { ActivationTimeoutError, createSandbox, type Sandbox } from "./sandbox/create-sandbox.js";
import { mapStack } from "./sandbox/stack-map.js";
import { createSandboxStreamCodec } from "./stream-codecs.js";
import {
  USE_STEP,
  REGISTER_WORKFLOW as REGISTER,
  SLEEP,
  CONTEXT,
  CREATE_HOOK,
} from "../../protocol/symbols.js";

/** A workflow bundle: code that registers workflows through `WORKFLOW_REGISTER`. */
export interface WorkflowBundle {
  code: string;
  /** Shown in stack frames until they are mapped back; must not be a real file's path. */
  filename: string;
  /** Folder that the sources of the bundle's inline source map are relative to. @default dirname(filename) */
  sourceRoot?: string;
}

export interface SessionInit {
  runId: string;
  workflowName: string;
  seed: string;
  /** Serialized arguments array. */
  input: string;
  /** When the run was created (epoch ms): the time part of its correlation IDs. */
  createdAt: number;
  bundle: WorkflowBundle;
  url: string;
  /**
   * Events of the run that an earlier session of this process was fed: the console output of
   * the code they set off is not printed again. @default 0
   */
  replayedEvents?: number;
  /**
   * How long workflow code may run at one time (the bundle's top level, or what one delivery
   * sets off); past it the run fails with WORKFLOW_TIMEOUT. @default 5000
   */
  timeoutMs?: number;
  /**
   * Records where each step and sleep call was made (a stack per call, mapped to the user's
   * source), so a divergence names the line: for `wf replay`, not for running runs.
   * @default false
   */
  traceCalls?: boolean;
}

export type { PendingStep, PendingWait } from "./session-steps.js";
export type { PendingHook } from "./session-hooks.js";

export type PendingItem = PendingStep | PendingWait | PendingHook;

export type Outcome =
  | { status: "suspended"; pending: PendingItem[] }
  | { status: "completed"; output: string }
  | { status: "failed"; error: StoredError };

/** Failures the engine itself settles a workflow with: stored with their own code. */
const ENGINE_ERRORS = new WeakSet<object>();

/** Lets the host's side of what the last delivery set off run (host promises, stream I/O). */
const quiesce = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Whether delivering an event of the type may run workflow code: deserializing a value (a
 * class's deserialize method), settling a promise the workflow awaits, making an error of the
 * bundle's classes. Those are delivered under the time limit, in a timed evaluation (a bundle
 * without activation guards pays a watchdog thread for it, 50-200 µs); the others only check
 * the log against the workflow's calls, on the host.
 */
const RUNS_WORKFLOW_CODE: Record<EventType, boolean> = {
  run_created: false,
  run_admitted: false,
  run_started: true,
  run_completed: false,
  run_failed: false,
  run_cancelled: false,
  step_created: false,
  step_started: false,
  step_retrying: false,
  step_lease_renewed: false,
  step_completed: true,
  step_failed: true,
  wait_created: false,
  wait_completed: true,
  hook_created: false,
  hook_conflict: true,
  hook_received: true,
  hook_disposed: false,
};

/**
 * One run's workflow, alive in its sandbox. `feed` delivers new events strictly in log order,
 * letting the workflow run between deliveries, and reports where it stands. Kept between
 * invocations (sticky execution), it is fed only new events; a fresh one replays the log.
 */
/** Frames of the engine, the sandbox and "workflow" itself: not where the user made a call. */
const ENGINE_FILE =
  /[\\/](?:runtime|dist[\\/]runtime)[\\/](?:engine|workflow|serialization)[\\/]|^node:/;

export class WorkflowSession {
  /** Index of the next event to consume. */
  cursor = 0;
  private clock = 0;
  private readonly sandbox: Sandbox;
  private readonly nextId: (prefix: "step" | "wait" | "hook") => string;
  private settled: { ok: true; value: unknown } | { ok: false; error: unknown } | null = null;
  #divergence: ReplayDivergence | null = null;
  /** Workflow code ran past the time limit: the sandbox is dead, the run fails. */
  private timedOut: Error | null = null;
  /** The bridge's activity count at the last drain (see drainIfQueued). */
  private drainedAt = 0;
  private started = false;
  /** Whether the bundle was evaluated (see evaluateBundle). */
  private evaluated = false;
  private workflowStartedAt = 0;
  private readonly workflows = new Map<string, (...args: unknown[]) => unknown>();
  private readonly steps: SessionSteps;
  private readonly hooks: SessionHooks;
  /** What each event type does; true when it settled a promise the workflow awaits. */
  private readonly handlers: { [K in EventType]: (event: EventOf<K>) => boolean };
  /** Streams in the sandbox are handles (getWritable(), streams steps return). */
  private readonly streams: StreamCodec;
  /** The sandbox's console, quiet while the session replays what ran before. */
  private readonly replay: ReplayConsole;

  constructor(private readonly init: SessionInit) {
    const random = createSeededRandom(init.seed);
    this.replay = new ReplayConsole(init.replayedEvents ?? 0);
    this.sandbox = createSandbox({
      now: () => this.clock,
      random,
      console: this.replay.console,
      timeoutMs: init.timeoutMs,
      guarded: init.bundle.code.startsWith(GUARDED_BUNDLE_BANNER),
    });
    this.streams = createSandboxStreamCodec(this.sandbox.global, this.sandbox.bridge);
    const nextId = createCorrelationIds(init.seed, init.createdAt);
    this.nextId = (prefix) => this.replay.noteCall(nextId(prefix));
    this.steps = new SessionSteps({
      global: this.sandbox.global,
      bridge: this.sandbox.bridge,
      streams: this.streams,
      now: () => this.clock,
      nextId: (prefix) => this.nextId(prefix),
      isSettled: () => this.settled !== null,
      diverge: (event, detail, call) => this.diverge(event, detail, call),
      ...(init.traceCalls ? { callSite: () => this.callSite() } : {}),
    });
    this.hooks = new SessionHooks({
      runId: init.runId,
      global: this.sandbox.global,
      promise: (executor) => this.sandbox.bridge.promise(executor),
      toRealm: (value) => this.sandbox.bridge.toRealm(value),
      toHost: (value) => this.sandbox.bridge.toHost(value),
      nextId: () => this.nextId("hook"),
      isSettled: () => this.settled !== null,
      revive: (text) =>
        deserialize(text, {
          global: this.sandbox.global,
          resolveStep: (id) => this.steps.createStepProxy(id),
          streams: this.streams,
          operation: "hook payload",
        }),
      diverge: (event, detail) => this.diverge(event, detail),
    });
    this.handlers = {
      run_created: () => false,
      run_admitted: () => false,
      run_started: (event) => this.start(event.createdAt),
      run_completed: () => false,
      run_failed: () => false,
      run_cancelled: () => false,
      ...this.steps.handlers,
      // Bookkeeping of the step's worker; the workflow has nothing to do with it.
      step_lease_renewed: () => false,
      ...this.hooks.handlers,
    };
    this.installHooks();
  }

  /**
   * Evaluates the bundle the first time workflow code is to run (delivering `run_started`),
   * inside that delivery's timed evaluation: one time limit for both.
   */
  private evaluateBundle(): void {
    if (this.evaluated) return;
    this.evaluated = true;
    this.replay.topLevel(() =>
      this.sandbox.evaluate(this.init.bundle.code, this.init.bundle.filename),
    );
  }

  /** Runs workflow code under the time limit; a timeout ends the session for good. */
  private activate<T>(run: () => T, otherwise?: T): T | undefined {
    if (this.timedOut) return otherwise;
    try {
      return run();
    } catch (error) {
      if (!(error instanceof ActivationTimeoutError)) throw error;
      this.timedOut = createWorkflowTimeoutError(this.init, error.message, error.timeoutMs);
      return otherwise;
    }
  }

  /**
   * Runs what the last delivery set off until it rests: the realm's jobs (under the time limit),
   * then the host's, and again while host promises keep settling into the realm.
   */
  private async settle(): Promise<void> {
    let seen: number;
    do {
      seen = this.sandbox.bridge.activity;
      this.drainIfQueued();
      await quiesce();
      this.drainIfQueued();
    } while (!this.timedOut && this.sandbox.bridge.activity !== seen);
  }

  /**
   * Drains the realm's jobs when some may be queued. Every timed evaluation (`run`, `evaluate`)
   * ends with the realm's queue empty (`microtaskMode: "afterEvaluate"`), so jobs can only be
   * queued since by host promises settling into the realm, which the bridge counts. An
   * evaluation is started only when needed (without guards it costs a watchdog thread).
   */
  private drainIfQueued(): void {
    const activity = this.sandbox.bridge.activity;
    if (activity === this.drainedAt) return;
    this.drainedAt = activity;
    this.activate(() => this.sandbox.drain());
  }

  /** Delivers events from `cursor` on. Events before `cursor` are skipped. */
  async feed(events: StoredEvent[]): Promise<Outcome> {
    this.hooks.indexLog(events);
    this.replay.lookAhead(events, this.cursor);
    for (const event of events) {
      if (event.index < this.cursor) continue;
      if (event.index !== this.cursor)
        throw new Error(
          `Event log of run ${this.init.runId} has a gap: expected #${this.cursor}, got #${event.index}`,
        );
      this.cursor++;
      this.clock = Math.max(this.clock, event.createdAt);
      this.replay.note(event);
      if (this.#divergence || this.settled || this.timedOut) continue;
      if (!RUNS_WORKFLOW_CODE[event.type]) {
        this.deliver(event);
        continue;
      }
      const delivered = this.activate(
        () =>
          this.sandbox.run(() => {
            this.evaluateBundle();
            return this.deliver(event);
          }),
        false,
      );
      if (delivered) await this.settle();
    }
    await this.settle();
    await this.hooks.ready();
    await this.settle();
    this.replay.release();
    return this.outcome();
  }

  private outcome(): Outcome {
    if (this.timedOut) return { status: "failed", error: toStoredError(this.timedOut) };
    if (this.#divergence)
      return { status: "failed", error: toStoredError(this.#divergence, "REPLAY_DIVERGENCE") };
    if (this.settled?.ok) {
      const value = this.settled.value;
      try {
        const write = () =>
          serialize(value, {
            operation: `return value of workflow "${this.init.workflowName}"`,
            streams: this.streams,
          });
        // Serializing an object may call workflow code (a class's serialize method, a getter):
        // under the time limit. A primitive calls none.
        const output =
          value !== null && (typeof value === "object" || typeof value === "function")
            ? this.activate(() => this.sandbox.run(write))
            : write();
        if (output !== undefined) return { status: "completed", output };
      } catch (error) {
        return { status: "failed", error: toStoredError(error, "SERIALIZATION_FAILED") };
      }
      return { status: "failed", error: toStoredError(this.timedOut) };
    }
    if (this.settled) {
      // What the workflow threw is the user's error; the engine's own failures keep their code.
      const thrown = this.settled.error;
      const error = ENGINE_ERRORS.has(thrown as object)
        ? toStoredError(thrown)
        : toUserError(thrown);
      return {
        status: "failed",
        error: error.stack ? { ...error, stack: mapStack(error.stack, this.init.bundle) } : error,
      };
    }
    const pending: PendingItem[] = [...this.steps.pending(), ...this.hooks.pending()];
    if (this.started && pending.length === 0) {
      return { status: "failed", error: createWorkflowStalledError(this.init) };
    }
    return { status: "suspended", pending };
  }

  /** Applies one event; returns true when it settled a promise the workflow awaits. */
  private deliver(event: StoredEvent): boolean {
    const handler = this.handlers[event.type] as (e: StoredEvent) => boolean;
    try {
      return handler(event);
    } catch (error) {
      if (error instanceof ReplayDivergence) this.#divergence = error;
      else throw error;
      return false;
    }
  }

  private diverge(event: StoredEvent, detail: string, call?: WorkflowCall): never {
    throw createReplayDivergence(this.init, event, detail, call);
  }

  /** Where the log and the workflow first disagreed, once they have. */
  get divergence(): ReplayDivergence | null {
    return this.#divergence;
  }

  /** Steps and sleeps the workflow called that the log has no event of yet. */
  unrecordedCalls(): WorkflowCall[] {
    return this.steps.unrecorded();
  }

  /** The first frame of the current stack in the user's workflow source. */
  private callSite(): string | undefined {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 40; // the engine's own frames come first
    const raw = new Error().stack ?? "";
    Error.stackTraceLimit = limit;
    const stack = mapStack(raw, this.init.bundle);
    for (const line of stack.split("\n").slice(1)) {
      const at = /\(?((?:file:\/\/)?\/[^()]*?:\d+:\d+)\)?\s*$/.exec(line)?.[1];
      if (at && !ENGINE_FILE.test(at)) return at.replace(/^file:\/\//, "");
    }
    return undefined;
  }

  private start(at: number): boolean {
    if (this.started) return false;
    this.started = true;
    this.workflowStartedAt = at;
    const fn = this.workflows.get(this.init.workflowName);
    if (!fn) {
      const error = createWorkflowNotRegisteredError(this.init, [...this.workflows.keys()]);
      ENGINE_ERRORS.add(error);
      this.settled = { ok: false, error };
      return false;
    }
    const args = deserialize(this.init.input, {
      global: this.sandbox.global,
      resolveStep: (id) => this.steps.createStepProxy(id),
      streams: this.streams,
      operation: "workflow arguments",
    });
    // Called from a job of the realm's queue, so that it runs under the time limit.
    const bridge = this.sandbox.bridge;
    const fail = (error: unknown) => void (this.settled ??= { ok: false, error });
    bridge.settle(
      undefined,
      () => {
        let result: unknown;
        try {
          result = bridge.call(fn, undefined, args as unknown[]);
        } catch (error) {
          return fail(error);
        }
        bridge.settle(result, (value) => void (this.settled ??= { ok: true, value }), fail);
      },
      fail,
    );
    return true;
  }

  private installHooks(): void {
    const g = this.sandbox.global;
    // Functions of the realm (bridge.expose): a host function would hand over the host's Function.
    const install = (key: symbol, name: string, fn: (...args: any[]) => unknown) => {
      g[key] = this.sandbox.bridge.expose(name, (_, args) => fn(...args));
    };
    install(REGISTER, "registerWorkflow", (id: string, fn: (...args: unknown[]) => unknown) => {
      this.sandbox.bridge.define(fn, "workflowId", id);
      this.workflows.set(id, fn);
      return fn;
    });
    install(USE_STEP, "useStep", (stepName: string, closure?: () => Record<string, unknown>) =>
      this.steps.createStepProxy(stepName, closure),
    );
    install(SLEEP, "sleep", (duration: Duration) => this.steps.sleep(duration));
    install(CREATE_HOOK, "createHook", (request: CreateHookRequest) => this.hooks.create(request));
    install(CONTEXT, "getWorkflowContext", () => ({
      workflowRunId: this.init.runId,
      workflowName: this.init.workflowName,
      workflowStartedAt: new Date(this.workflowStartedAt),
      url: this.init.url,
    }));
  }
}
