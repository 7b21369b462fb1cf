import { randomUUID } from "node:crypto";
import { TERMINAL_RUN_EVENTS, type NewEvent, type StoredEvent } from "../worlds/shared/events.js";
import type { AppendOptions, Delivery, QueueMessage, World } from "../worlds/shared/world.js";
import { withBuiltinSteps } from "./builtin-steps.js";
import { type Clock, systemClock } from "./clock.js";
import { createDeliveryFailures } from "./delivery-failures.js";
import { dropLeftoverMessages } from "./leftover-messages.js";
import type { BundleSource, EngineContext } from "./context.js";
import { runStep } from "./run-step.js";
import { runWorkflow } from "./run-workflow.js";
import { DEFAULT_ACTIVATION_TIMEOUT_MS } from "./sandbox/create-sandbox.js";
import { StickyCache } from "./sticky-cache.js";
import { settlePipes } from "./stream-io.js";
import { getAppUrl } from "../workflow/metadata.js";

export interface RuntimeOptions {
  world: World;
  bundles: BundleSource;
  /**
   * Live sandboxes of suspended runs kept between invocations, so that a run resumes without
   * replaying its log. 0 turns sticky execution off (every invocation replays).
   * @default 1000
   */
  stickyCacheSize?: number;
  /** Delay before retrying a step that threw a plain error. @default 1000 */
  retryDelayMs?: number;
  /**
   * How long a running step attempt is certain to be alive: until then no other delivery of the
   * step (the step route, a queue redelivery, another worker) starts a second attempt. Renewed
   * every third of it while the step runs, so it bounds how long a dead worker's step waits,
   * not how long a step may take.
   * @default WORKFLOW_STEP_LEASE_MS, else 30000
   */
  stepLeaseMs?: number;
  /**
   * How long workflow code may run at one time (its bundle's top level, or what one event sets
   * off, continuations after an await included). Past it the run fails with WORKFLOW_TIMEOUT and
   * the process goes on with its other runs.
   * @default WORKFLOW_ACTIVATION_TIMEOUT_MS, else 5000
   */
  workflowTimeoutMs?: number;
  /**
   * URL reported by getWorkflowMetadata() and in webhook URLs. A function is called whenever a
   * run needs the URL (a dev server knows its port only once it listens).
   * @default WORKFLOW_URL, else http://localhost:$PORT, else http://localhost:3000
   */
  url?: string | (() => string);
  /** Called with every event this runtime appends (for logs, progress output, tests). */
  onEvent?: (event: StoredEvent) => void;
  /**
   * Whether this process executes runs (takes the world's queue messages). `false` makes a
   * runtime that only starts, reads, cancels and resumes runs, for a process that is not a
   * worker: a script, `wf start`, a web server in front of Postgres workers.
   * @default true
   */
  execute?: boolean;
  /**
   * The time the engine computes wake-ups, retry delays and step leases from (the world stamps
   * events with its own). `workflow/testing` passes a virtual clock together with a world on it.
   * @default the system clock
   */
  clock?: Clock;
  /**
   * What else runs while the runtime runs, in a process that executes runs: each is started, in
   * order, once the world has started (a service that throws fails `start()`), and its stop
   * function is called first on close. `createRuntime` of `workflow/runtime` adds the control
   * socket of `wf start/cancel/resume` and the schedule ticker here (runtime/app/).
   */
  services?: RuntimeService[];
}

/** Something started with a runtime (see `RuntimeOptions.services`). */
export interface RuntimeService {
  /** What it is, for messages. */
  name: string;
  /** Starts it; resolves to its stop function, or undefined when it has nothing to run. */
  start(runtime: Runtime): Promise<(() => Promise<void>) | undefined>;
}

/** A world plus the engine that executes its runs in this process. */
export interface Runtime {
  readonly world: World;
  /** Where its workflow and step code comes from (also: hook definitions, for `wf resume`). */
  readonly bundles: BundleSource;
  /** Appends events (and tells `onEvent` listeners). */
  append(runId: string, events: NewEvent[], options?: AppendOptions): Promise<StoredEvent[]>;
  /** Calls `listener` for every event this runtime appends; returns an unsubscribe function. */
  subscribe(listener: (event: StoredEvent) => void): () => void;
  /** Sticky cache hits and misses, for benchmarks and tests. */
  readonly stats: { readonly cacheHits: number; readonly cacheMisses: number };
  /** The time the engine reads (`RuntimeOptions.clock`). */
  readonly clock: Clock;
  /** Starts the world (recovery) and begins consuming its queue. */
  start(): Promise<void>;
  /** Stops consuming, lets in-flight work finish, closes the world. */
  close(): Promise<void>;
}

/** WORKFLOW_ACTIVATION_TIMEOUT_MS when it is a positive number, else the default. */
function getActivationTimeout(env: NodeJS.ProcessEnv): number {
  const value = Number(env.WORKFLOW_ACTIVATION_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_ACTIVATION_TIMEOUT_MS;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { world } = options;
  const listeners = new Set<(event: StoredEvent) => void>();
  if (options.onEvent) listeners.add(options.onEvent);
  const cache = new StickyCache(options.stickyCacheSize ?? 1000);
  const scheduledRuns = new Set<string>();
  const fedEvents = new Map<string, number>();
  const append = async (runId: string, events: NewEvent[], options?: AppendOptions) => {
    const stored = await world.append(runId, events, options);
    for (const event of stored) {
      // An ended run (also one cancelled from outside the engine) needs no live sandbox.
      if (TERMINAL_RUN_EVENTS.has(event.type)) {
        cache.drop(runId);
        scheduledRuns.delete(runId);
        fedEvents.delete(runId);
        void dropLeftoverMessages(world, runId).catch(() => {});
      }
      for (const listener of listeners) listener(event);
    }
    return stored;
  };
  const { url = getAppUrl(process.env) } = options;
  const ctx: EngineContext = {
    world,
    bundles: withBuiltinSteps(options.bundles),
    cache,
    clock: options.clock ?? systemClock,
    get url() {
      return typeof url === "function" ? url() : url;
    },
    retryDelayMs: options.retryDelayMs ?? 1000,
    stepLeaseMs: options.stepLeaseMs ?? (Number(process.env.WORKFLOW_STEP_LEASE_MS) || 30_000),
    instanceId: `runtime_${randomUUID()}`,
    workflowTimeoutMs: options.workflowTimeoutMs ?? getActivationTimeout(process.env),
    inFlightSteps: new Map(),
    scheduledRuns,
    fedEvents,
    append,
  };

  // One invocation per run at a time; messages that arrive meanwhile fold into one rerun.
  const active = new Map<string, { again: boolean; done: Promise<void> }>();
  const invokeWorkflow = (runId: string, handler: EngineContext): Promise<void> => {
    const current = active.get(runId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await runWorkflow(handler, runId);
        } while (entry.again);
      } finally {
        active.delete(runId);
      }
    })();
    active.set(runId, entry);
    return entry.done;
  };
  const handle = (message: QueueMessage, delivery?: Delivery) => {
    // The handler's own context: what it reads of its run and enqueues for it names the delivery.
    const handler: EngineContext = delivery
      ? Object.create(ctx, { delivery: { value: delivery } })
      : ctx;
    if (message.kind === "step") return runStep(handler, message.runId, message.stepId);
    // Delivered again: the process that had it may have died between recording work and
    // queueing it (a step's message, a wake-up), so all of the run's pending work is queued
    // again, as for a run this process has not seen (queue keys drop what is still waiting).
    if ((delivery?.attempt ?? 1) > 1) scheduledRuns.delete(message.runId);
    return invokeWorkflow(message.runId, handler);
  };

  let started: Promise<void> | null = null;
  const stops: Array<() => Promise<void>> = [];
  const runtime: Runtime = {
    world,
    bundles: ctx.bundles,
    append,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clock: ctx.clock,
    stats: {
      get cacheHits() {
        return cache.hits;
      },
      get cacheMisses() {
        return cache.misses;
      },
    },
    start() {
      started ??= (async () => {
        // A message whose handler keeps throwing fails its run (DELIVERY_FAILED), logged.
        if (options.execute !== false) world.queue.consume(handle, createDeliveryFailures(append));
        await world.start();
        if (options.execute === false) return;
        for (const service of options.services ?? []) {
          const stop = await service.start(runtime);
          if (stop) stops.push(stop);
        }
      })();
      return started;
    },
    async close() {
      for (const stop of stops.splice(0).reverse()) await stop();
      // Streams that steps returned may still be being stored: let them finish first.
      await settlePipes(world.streams);
      await world.close();
      cache.clear();
      listeners.clear();
    },
  };
  return runtime;
}
