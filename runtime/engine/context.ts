import type { StepFunction } from "../internal/private.js";
import type { NewEvent, StoredEvent } from "../worlds/events.js";
import type { World } from "../worlds/world.js";
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
  /** Delay before retrying a step that threw a plain error. @default 1000 */
  retryDelayMs: number;
  /** Steps executing in this process, so a duplicate delivery does not start a second attempt. */
  inFlightSteps: Set<string>;
  /** Appends events and tells listeners. */
  append(runId: string, events: NewEvent[]): Promise<StoredEvent[]>;
}
