import type { StepFunction } from "../internal/private.js";
import type { Clock } from "./clock.js";
import type { NewEvent, StoredEvent } from "../worlds/shared/events.js";
import type { AppendOptions, Delivery, World } from "../worlds/shared/world.js";
import type { WorkflowBundle } from "./session.js";
import type { StickyCache } from "./sticky-cache.js";

/** Where the engine gets code from: built by an integration (bundler plugin, `workflow/register`). */
export interface BundleSource {
  /** The workflow bundle that registers `workflowName`. */
  getWorkflowBundle(workflowName: string): Promise<WorkflowBundle>;
  /** The registered step function named `stepName`, loading step code if needed; undefined if unknown. */
  getStep(stepName: string): Promise<StepFunction | undefined>;
}

/** What the handlers share within one runtime. */
export interface EngineContext {
  world: World;
  bundles: BundleSource;
  cache: StickyCache;
  url: string;
  /** The time wake-ups, retry delays and leases are computed from. */
  clock: Clock;
  /** Delay before retrying a step that threw a plain error. @default 1000 */
  retryDelayMs: number;
  /** How long a step attempt's lease lasts; renewed every third of it while the step runs. */
  stepLeaseMs: number;
  /** This runtime instance, as the owner of the step leases it takes. */
  instanceId: string;
  /** How long workflow code may run at one time (RuntimeOptions.workflowTimeoutMs). */
  workflowTimeoutMs: number;
  /**
   * Steps executing in this process. A delivery for one of them does not start a second attempt
   * alongside; it sets `again`, and the step is looked at once more when the attempt ends (the
   * message may be the retry the attempt itself scheduled).
   */
  inFlightSteps: Map<string, { again: boolean }>;
  /**
   * Runs whose pending steps and wake-ups this process has already queued. A run missing here
   * (new process, or first invocation) gets all of its pending work queued again on replay, in
   * case a dead process had it in flight; a run present here only queues what is new, even when
   * its sandbox was evicted from the sticky cache.
   */
  scheduledRuns: Set<string>;
  /**
   * Events of each unfinished run that a session of this process was fed. A new session of the
   * run (the last one was evicted, or the sticky cache is off) does not print the console output
   * of the code those events set off a second time.
   */
  fedEvents: Map<string, number>;
  /**
   * Appends events and tells listeners. `durability: "later"` (World's "Durability") is for what
   * the run only redoes if lost: a step's start is durable before its body runs, and covers it.
   */
  append(runId: string, events: NewEvent[], options?: AppendOptions): Promise<StoredEvent[]>;
  /**
   * The delivery being handled (a context made per message, see runtime.ts): the handler passes
   * it to the world's reads of its run and its enqueues for it (`ReadOptions`, `EnqueueOptions`).
   */
  readonly delivery?: Delivery;
}

/** The options of an append that may become durable with the run's next durable one. */
export const LATER: AppendOptions = Object.freeze({ durability: "later" });
