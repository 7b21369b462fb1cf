import { AsyncLocalStorage } from "node:async_hooks";
import type { StepMetadata, WorkflowMetadata } from "./metadata.js";
import { STEP_CONTEXT as KEY } from "../../protocol/symbols.js";

/** What a step sees while it runs (host side only). */
export interface StepContext {
  step: StepMetadata;
  workflow: WorkflowMetadata;
  /** The run's output streams, as `getWritable()` in a step opens them. */
  streams?: StepStreams;
  /** What a nested step captured from the workflow around it, for this call (getStepClosureVars). */
  closureVars?: Record<string, unknown>;
}

/** What the engine gives a running step for `getWritable()`. */
export interface StepStreams {
  /** A writable over the run's stream `name` (a store name, see stream-names.ts). */
  getWritable(name: string): WritableStream;
  /** Resolves once every chunk the step has written so far is stored (writes are batched). */
  flush(): Promise<void>;
}

// On globalThis so that the engine and every bundled copy of this module share one store.
const global = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<StepContext> };
const storage = (global[KEY] ??= new AsyncLocalStorage<StepContext>());

/** Step bodies started by `runStepBody` and not yet settled. */
let bodiesRunning = 0;

/**
 * Runs a step's body with `context` as what it sees (getStepMetadata(), getWritable()...) through
 * all of its awaits, and settles with what the body returns.
 *
 * On Node 20 an AsyncLocalStorage in use turns on promise hooks for the whole process: a hook
 * call and an object for every promise, the engine's and the worlds' included (about 13% of the
 * CPU of a fan-out of short runs). So the storage is switched off whenever no step body is
 * running, and the next `run` switches it on again. What a step left running after it settled (a
 * timer it did not await) may then find no context, as code outside any step does.
 */
export async function runStepBody<T>(context: StepContext, body: () => T): Promise<Awaited<T>> {
  bodiesRunning++;
  try {
    return await storage.run(context, body);
  } finally {
    if (--bodiesRunning === 0) storage.disable();
  }
}

export function getStepContext(): StepContext | undefined {
  return storage.getStore();
}
