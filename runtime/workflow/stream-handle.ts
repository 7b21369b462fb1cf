/**
 * Streams as a workflow holds them: handles that name a stream of the world's stream store and
 * can only be passed to steps or returned. Reading and writing is I/O, so it happens in steps.
 * Bundled into the sandbox (nothing here may use Node); the engine makes handles through the
 * factory this module installs, so that every handle belongs to the sandbox's realm.
 */
import { STREAM_HANDLE_FACTORY, STREAM_REF, type StreamRef } from "./stream-names.js";

export type StreamKind = "ReadableStream" | "WritableStream";

function notInWorkflow(what: string): never {
  throw new Error(
    `${what} is not possible in a workflow function: a workflow only passes streams on. ` +
      `Pass the stream to a step ("use step") and read or write it there, or return it from the workflow.`,
  );
}

abstract class StreamHandle {
  declare readonly [STREAM_REF]: StreamRef;

  constructor(ref: StreamRef) {
    Object.defineProperty(this, STREAM_REF, { value: Object.freeze({ ...ref }) });
  }

  /** Never locked: a workflow cannot take a reader or writer. */
  get locked(): boolean {
    return false;
  }
}

class WorkflowWritableStream extends StreamHandle {
  get [Symbol.toStringTag]() {
    return "WritableStream";
  }
  getWriter(): never {
    return notInWorkflow("Writing to a stream (getWriter())");
  }
  close(): Promise<never> {
    return Promise.reject(notInWorkflowError("Closing a stream"));
  }
  abort(): Promise<never> {
    return Promise.reject(notInWorkflowError("Aborting a stream"));
  }
}

class WorkflowReadableStream extends StreamHandle {
  get [Symbol.toStringTag]() {
    return "ReadableStream";
  }
  getReader(): never {
    return notInWorkflow("Reading a stream (getReader())");
  }
  cancel(): Promise<never> {
    return Promise.reject(notInWorkflowError("Cancelling a stream"));
  }
  pipeTo(): Promise<never> {
    return Promise.reject(notInWorkflowError("Piping a stream (pipeTo())"));
  }
  pipeThrough(): never {
    return notInWorkflow("Piping a stream (pipeThrough())");
  }
  tee(): never {
    return notInWorkflow("Splitting a stream (tee())");
  }
  [Symbol.asyncIterator](): never {
    return notInWorkflow("Reading a stream (for await)");
  }
}

function notInWorkflowError(what: string): Error {
  try {
    return notInWorkflow(what);
  } catch (error) {
    return error as Error;
  }
}

/** A handle on stream `ref`, as a workflow holds it. */
export function createStreamHandle(kind: "WritableStream", ref: StreamRef): WritableStream;
export function createStreamHandle(kind: "ReadableStream", ref: StreamRef): ReadableStream;
export function createStreamHandle(kind: StreamKind, ref: StreamRef): object;
export function createStreamHandle(kind: StreamKind, ref: StreamRef): object {
  return kind === "WritableStream"
    ? new WorkflowWritableStream(ref)
    : new WorkflowReadableStream(ref);
}

(globalThis as Record<symbol, unknown>)[STREAM_HANDLE_FACTORY] = createStreamHandle;
