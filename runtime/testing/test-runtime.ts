import { getHookByToken, type HookInfo, resumeHook } from "../api/hooks.js";
import { Run } from "../api/run.js";
import { start, type StartOptions, type WorkflowFunction } from "../api/start.js";
import { resumeWebhook, type ResumeWebhookOptions } from "../api/webhooks.js";
import type { Clock } from "../engine/clock.js";
import type { BundleSource } from "../engine/context.js";
import { type AppRuntime, createRuntime } from "../app/app-runtime.js";
import type { Runtime } from "../engine/runtime.js";
import type { Duration } from "../workflow/duration.js";
import { resolveDuration } from "../workflow/duration.js";
import type { NewEvent, StoredEvent } from "../worlds/shared/events.js";
import type { RunState } from "../worlds/shared/state/types.js";
import { CompletionGate } from "./completion-gate.js";
import type { Decisions } from "./decisions.js";
import { FaultPlan, type Faults } from "./faults.js";
import { TestRun } from "./run-events.js";
import { type StepCall, StepMocks, type StepRef } from "./step-mocks.js";
import { TestProcesses } from "./test-processes.js";
import { TestWorld } from "./test-world.js";
import { VirtualClock } from "./virtual-clock.js";
import { isEnded, isWaitingOn, runEndedError, type WaitTarget } from "./wait-for.js";

/** Options of {@link createTestRuntimeWith}. */
export interface TestRuntimeCoreOptions {
  /** Where workflow and step code comes from (`workflow/testing` builds it from `root`). */
  bundles: BundleSource;
  /** The virtual clock's start, as epoch ms or a Date. @default the real time now */
  now?: number | Date;
  /**
   * Jump the virtual clock to the next timer (a sleep's end, a retry, a hook's timeout) as soon
   * as nothing else can happen. Off, time moves only with `runtime.advance()`.
   * @default true
   */
  autoAdvance?: boolean;
  /** As in `createRuntime`: live sandboxes kept between invocations; 0 replays every time. @default 1000 */
  stickyCacheSize?: number;
  /** As in `createRuntime`: the delay before retrying a step that threw a plain error (virtual). @default 1000 */
  retryDelayMs?: number;
  /** As in `createRuntime`: how long workflow code may run at one time (real ms). @default 5000 */
  workflowTimeoutMs?: number;
  /** Faults injected into every run: crashes, duplicate and delayed deliveries, reordered step completions, failing step attempts and stream writes. */
  faults?: Faults;
}

/** Options of a test runtime's `start(workflow, args, options)`. */
export interface TestStartOptions extends Omit<StartOptions, "runtime"> {
  /** Faults injected into this run only. */
  faults?: Faults;
  /**
   * The run's seed: its `Math.random()`, `crypto` and step IDs. Fixed, the run makes the same
   * choices every time. @default a random one, as in production
   */
  seed?: string;
}

/** A run or its ID. */
export type RunRef = Run<any> | string;

/**
 * A runtime for tests: the production engine, sandbox, serialization and retry rules, on an
 * in-memory world and a virtual clock. It is a `Runtime`, so `workflow/api` functions take it
 * as `{ runtime }`; the same functions are methods here.
 */
export interface TestRuntime extends AppRuntime {
  /** The virtual clock: `clock.now()` is the runtime's time in epoch ms. */
  readonly clock: Clock;
  /** With no arguments, starts the runtime (done for you by every other method). */
  start(): Promise<void>;
  /** Starts a run, as `start()` of `workflow/api`. */
  start<R>(workflow: WorkflowFunction<[], R>): Promise<TestRun<R>>;
  start<Args extends unknown[], R>(
    workflow: WorkflowFunction<Args, R>,
    args: NoInfer<Args>,
    options?: TestStartOptions,
  ): Promise<TestRun<R>>;
  /** Processes killed so far by `faults.crashAtEvent`. */
  readonly crashes: number;
  /** A handle on a run, as `getRun()` of `workflow/api`, with its decoded log as `events`. */
  getRun<T = unknown>(runId: string): TestRun<T>;
  /** As `resumeHook()` of `workflow/api`. */
  resumeHook<T = unknown>(token: string, payload: T): Promise<HookInfo>;
  /** As `resumeWebhook()` of `workflow/api`. */
  resumeWebhook(
    token: string,
    request: Request,
    options?: Omit<ResumeWebhookOptions, "runtime">,
  ): Promise<Response>;
  /** As `getHookByToken()` of `workflow/api`. */
  getHookByToken(token: string): Promise<HookInfo | null>;
  /**
   * Replaces the body of `step` (the step function as the app imports it, or its ID) for every
   * run of this runtime. Retries, serialization and the event log are as in production.
   */
  mockStep<F extends (...args: any[]) => any>(
    step: F | string,
    body: (...args: Parameters<F>) => unknown,
  ): void;
  /**
   * Every attempt of `step` so far (mocked or not): its arguments, attempt number, outcome; with
   * no step, every attempt of every step, in the order they started.
   */
  calls(step?: StepRef): StepCall[];
  /**
   * Resolves with (a copy of) the run's state once it waits on `target` (`"hook"`, `"sleep"`,
   * `"step:<name>"`); rejects if it ends first, or if nothing else can happen.
   */
  waitFor(run: RunRef, target: WaitTarget): Promise<RunState>;
  /** The run's event log, raw (as stored, what `exportRun` saves); `run.events` decodes it. */
  events(run: RunRef): Promise<StoredEvent[]>;
  /**
   * Moves the virtual clock forward by `duration`, firing each timer it passes in order and
   * letting what it sets off finish; returns the new time.
   */
  advance(duration: Duration): Promise<number>;
  /** Resolves once nothing runs and nothing is due (timers left for later, if `autoAdvance` is off). */
  idle(): Promise<void>;
}

const idOf = (run: RunRef) => (typeof run === "string" ? run : run.runId);

/** A test runtime over `options.bundles`; `workflow/testing`'s `createTestRuntime` finds them for you. */
export async function createTestRuntimeWith(options: TestRuntimeCoreOptions): Promise<TestRuntime> {
  return buildTestRuntime(options).runtime;
}

/** A test runtime and its parts; `decide` replaces the explicit faults' answers (a simulation). */
export function buildTestRuntime(
  options: TestRuntimeCoreOptions,
  decide: (plan: FaultPlan) => Decisions = (plan) => plan,
): { runtime: TestRuntime; world: TestWorld; mocks: StepMocks } {
  const start0 = options.now instanceof Date ? options.now.getTime() : options.now;
  const clock = new VirtualClock(start0);
  const faults = options.faults;
  const plan = new FaultPlan(faults);
  const decisions = decide(plan);
  const world = new TestWorld(clock, {
    autoAdvance: options.autoAdvance ?? true,
    retryBaseMs: 50,
    deliveries: decisions,
    failStreamWrite: (write) => decisions.failStreamWrite(write),
  });
  const mocks = new StepMocks();
  for (const failure of faults?.failSteps ?? []) mocks.failOn(failure);
  const gate = new CompletionGate(world.queue, (runId) => decisions.pickerFor(runId));
  mocks.holdOutcomes((call) =>
    call.runId === undefined || call.correlationId === undefined
      ? undefined
      : gate.wait({
          stepName: call.stepName,
          correlationId: call.correlationId,
          runId: call.runId,
          args: call.args,
          attempt: call.attempt,
          outcome: "error" in call ? "threw" : "returned",
        }),
  );
  const listeners = new Set<(event: StoredEvent) => void>();
  const bundles = mocks.wrap(options.bundles);
  const processes = new TestProcesses(
    world,
    (view) =>
      createRuntime({
        world: view,
        bundles,
        clock,
        url: "http://localhost:3000",
        onEvent: (event) => {
          for (const listener of listeners) listener(event);
        },
        ...(options.stickyCacheSize !== undefined
          ? { stickyCacheSize: options.stickyCacheSize }
          : {}),
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
        ...(options.workflowTimeoutMs !== undefined
          ? { workflowTimeoutMs: options.workflowTimeoutMs }
          : {}),
      }),
    decisions,
    () => gate.releaseAll(),
  );
  const engine = {
    start: () => processes.start(),
  };

  const idle = async () => {
    await engine.start();
    await new Promise<void>((resolve) => {
      const stop = world.queue.onIdle(() => {
        stop();
        resolve();
      });
    });
  };

  const runtime: TestRuntime = {
    world,
    clock,
    get bundles() {
      return processes.engine.bundles;
    },
    append: (runId, events) => processes.engine.append(runId, events),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get stats() {
      return processes.engine.stats;
    },
    get crashes() {
      return processes.crashes;
    },
    close: () => {
      // A completion still held would keep its handler, and so the close, waiting.
      gate.releaseAll();
      return processes.engine.close();
    },
    tickSchedules: () => processes.engine.tickSchedules(),
    start: ((
      workflow?: WorkflowFunction,
      args?: unknown[],
      { faults: runFaults, seed, ...startOptions }: TestStartOptions = {},
    ) => {
      if (workflow === undefined) return engine.start();
      const handle = (run: Run<unknown>) => new TestRun(run.runId, runtime, run.idempotency);
      if (!runFaults && seed === undefined)
        return start(workflow, args ?? [], { ...startOptions, runtime }).then(handle);
      // The run's faults and seed are bound when start() writes its run_created, before any
      // handler runs.
      const binding: Runtime = Object.create(runtime, {
        append: {
          value: (runId: string, events: NewEvent[]) => {
            plan.addRun(runId, runFaults);
            for (const failure of runFaults?.failSteps ?? []) mocks.failOn(failure, runId);
            const [first, ...rest] = events;
            if (seed !== undefined && first?.type === "run_created")
              events = [{ ...first, data: { ...first.data, seed } }, ...rest];
            return runtime.append(runId, events);
          },
        },
      });
      return start(workflow, args ?? [], { ...startOptions, runtime: binding }).then(handle);
    }) as TestRuntime["start"],
    getRun: (runId) => new TestRun(runId, runtime),
    resumeHook: (token, payload) => resumeHook(token, payload, { runtime }),
    resumeWebhook: (token, request, webhookOptions = {}) =>
      resumeWebhook(token, request, { ...webhookOptions, runtime }),
    getHookByToken: (token) => getHookByToken(token, { runtime }),
    mockStep: (step, body) => mocks.mock(step as StepRef, body),
    calls: (step) => (step === undefined ? mocks.all() : mocks.calls(step)),
    events: (run) => world.readEvents(idOf(run)),
    idle,
    async advance(duration) {
      const target = resolveDuration(duration, clock.now(), "advance");
      // The clock stops at each due message and at each schedule's tick on the way, so that an
      // hourly schedule advanced a day starts 24 runs (not one catch-up run).
      let stuck: number | undefined;
      for (;;) {
        await idle();
        let tick = await nextScheduleTick(world);
        // A tick left due after tickSchedules() failed (reported by the ticker): not waited on.
        if (tick !== undefined && tick <= clock.now() && tick === stuck) tick = undefined;
        stuck = tick;
        const next = earliest(world.queue.nextDueAt(), tick);
        if (next === undefined || next > target) break;
        clock.moveTo(next);
        world.queue.release();
        await runtime.tickSchedules();
      }
      clock.moveTo(target);
      await runtime.tickSchedules();
      await idle();
      return clock.now();
    },
    async waitFor(run, target) {
      await engine.start();
      const runId = idOf(run);
      return new Promise<RunState>((resolve, reject) => {
        const stops: Array<() => void> = [];
        const finish = (settle: () => void) => {
          for (const stop of stops) stop();
          settle();
        };
        const check = async (nothingElse: boolean) => {
          const state = await world.getRun(runId);
          if (!state) return finish(() => reject(new Error(`waitFor: no run ${runId}`)));
          if (isWaitingOn(state, target)) return finish(() => resolve(structuredClone(state)));
          if (isEnded(state)) return finish(() => reject(runEndedError(state, target)));
          if (nothingElse)
            finish(() =>
              reject(
                Object.assign(
                  new Error(
                    `waitFor(${JSON.stringify(target)}): run ${runId} waits on something else and nothing else can happen` +
                      (world.queue.nextDueAt() !== undefined
                        ? " until the clock moves (runtime.advance())."
                        : " (resume its hooks, or check runtime.events(run))."),
                  ),
                  { code: "WAIT_FOR_STUCK" },
                ),
              ),
            );
        };
        stops.push(
          runtime.subscribe((event) => {
            if (event.runId === runId) void check(false);
          }),
        );
        stops.push(world.queue.onIdle(() => void check(true)));
        void check(false);
      });
    },
  };
  return { runtime, world, mocks };
}

/** The earliest of the times given. */
function earliest(...times: Array<number | undefined>): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

/** When the next tick of an active schedule is due. */
async function nextScheduleTick(world: TestWorld): Promise<number | undefined> {
  const ticks = (await world.schedules.list()).flatMap((s) =>
    !s.paused && s.nextTickAt !== undefined ? [s.nextTickAt] : [],
  );
  return earliest(...ticks);
}
