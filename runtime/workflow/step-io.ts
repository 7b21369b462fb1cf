/**
 * `getWritable` and `fetch` as app code and steps see them (host side): in a step, the run's
 * output stream as a real WritableStream; `fetch` is the platform's.
 */
import { getStepContext } from "./step-context.js";
import { type StreamNamespaceOptions, toUserStreamName } from "./stream-names.js";

export type { StreamNamespaceOptions as WorkflowWritableStreamOptions } from "./stream-names.js";

/**
 * The run's output stream (or the one of `namespace`). In a step: a WritableStream whose chunks
 * (objects or bytes) `run.readable` / `run.getReadable()` readers get. Release the writer's lock
 * when done; close the stream once, in the last step that writes.
 */
export function getWritable<W = any>(options: StreamNamespaceOptions = {}): WritableStream<W> {
  const streams = getStepContext()?.streams;
  if (!streams) {
    throw new Error(
      `getWritable() can only be called in a workflow function or in a step while it runs as a step.`,
    );
  }
  return streams.getWritable(toUserStreamName(options?.namespace, "getWritable()"));
}

/**
 * The platform's `fetch`. In a workflow function, `fetch` from "workflow" runs as a step and
 * records the response; in a step (or app code) it is simply `globalThis.fetch`.
 */
export function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return globalThis.fetch(input, init);
}
