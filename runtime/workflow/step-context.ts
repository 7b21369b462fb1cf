import { AsyncLocalStorage } from "node:async_hooks";
import type { StepMetadata, WorkflowMetadata } from "./metadata.js";
import { STEP_CONTEXT as KEY } from "../../protocol/symbols.js";

/** What a step sees while it runs (host side only). */
export interface StepContext {
  step: StepMetadata;
  workflow: WorkflowMetadata;
  /** The run's output streams, as `getWritable()` in a step opens them. */
  streams?: StepStreams;
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

export function runInStepContext<T>(context: StepContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function getStepContext(): StepContext | undefined {
  return storage.getStore();
}
