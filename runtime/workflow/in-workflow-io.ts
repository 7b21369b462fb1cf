/**
 * `getWritable` and `fetch` inside the workflow sandbox: the run's output streams as handles to
 * pass to steps, and HTTP as a built-in step whose recorded Response replays without I/O.
 */
import { FETCH_STEP_ID } from "./builtin-step-ids.js";
import { createStreamHandle } from "./stream-handle.js";
import { type StreamNamespaceOptions, toUserStreamName } from "./stream-names.js";
import type { WorkflowMetadata } from "./metadata.js";
import { CONTEXT, USE_STEP } from "../../protocol/symbols.js";

export type { StreamNamespaceOptions as WorkflowWritableStreamOptions } from "./stream-names.js";

type Hooks = {
  [CONTEXT]?: () => WorkflowMetadata;
  [USE_STEP]?: (stepId: string) => (...args: unknown[]) => Promise<unknown>;
};
const hooks = globalThis as typeof globalThis & Hooks;

function outsideEngine(name: string): Error {
  return new Error(
    `${name} can only be called inside a workflow function run by the workflow engine.`,
  );
}

/**
 * The run's output stream (or the one of `namespace`). In a workflow this is a handle: pass it
 * to steps, which write to it (`getWriter()`, `write()`, `releaseLock()`) and close it.
 */
export function getWritable<W = any>(options: StreamNamespaceOptions = {}): WritableStream<W> {
  const context = hooks[CONTEXT];
  if (!context) throw outsideEngine("getWritable()");
  const name = toUserStreamName(options?.namespace, "getWritable()");
  return createStreamHandle("WritableStream", { runId: context().workflowRunId, name });
}

/**
 * HTTP as a step: the request runs once (retried like any step on a network error), and the
 * Response, body included, is recorded, so `json()`, `text()` and `arrayBuffer()` work here.
 */
export function fetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const useStep = hooks[USE_STEP];
  if (!useStep) return Promise.reject(outsideEngine("fetch()"));
  const step = useStep(FETCH_STEP_ID);
  return (init === undefined ? step(input) : step(input, init)) as Promise<Response>;
}
