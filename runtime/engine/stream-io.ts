/**
 * Real Web streams over the world's stream store (host side): the WritableStream a step writes
 * to, the ReadableStream a step or a client reads, and the pipe that stores a ReadableStream a
 * step returns. Each chunk is stored serialized, so objects and bytes both round-trip.
 */
import { deserialize, serialize } from "../serialization/index.js";
import type { StreamRef } from "../workflow/stream-names.js";
import type { StreamError, StreamStore } from "../worlds/shared/stream-store.js";

/** Pipes a step returned whose chunks are still being stored, by store: `Runtime.close()` waits for them. */
const pipes = new WeakMap<StreamStore, Set<Promise<void>>>();
/** The reference of every stream made here, so passing one on passes its name, not a copy. */
const writableRefs = new WeakMap<object, StreamRef>();
/** Readables not read from yet: passed on by reference (once read from, they are copied). */
const readableRefs = new WeakMap<object, StreamRef>();

const describe = (ref: StreamRef) => `stream "${ref.name}" of run ${ref.runId}`;

/**
 * Writes a step started and has not seen stored: writes return before they are stored, so that
 * the store batches them, and the step completes only once `settle()` saw them all stored.
 */
export class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();
  #failure: { error: unknown } | undefined;
  /** Whether a writable was made for the step: a step that has none settles at once. */
  #used = false;

  /** Called for each writable that reports here. */
  use(): void {
    this.#used = true;
  }

  track(promise: Promise<unknown>): void {
    this.#pending.add(promise);
    promise.then(
      () => this.#pending.delete(promise),
      (error: unknown) => {
        this.#pending.delete(promise);
        this.#failure ??= { error };
      },
    );
  }

  /**
   * The writes issued so far, stored; rejects with the first that failed. A close waits for it:
   * a stream closed after a lost chunk could not be written again by the step's next attempt.
   */
  issuedStored(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure.error);
    return Promise.all([...this.#pending]).then(() => {
      if (this.#failure) throw this.#failure.error;
    });
  }

  /** Resolves once every write is stored; rejects with the first write that failed. */
  async settle(): Promise<void> {
    if (!this.#used) return;
    do {
      // A WritableStream hands queued chunks to its sink in microtasks: let them all arrive.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await Promise.allSettled([...this.#pending]);
    } while (this.#pending.size > 0);
    if (this.#failure) throw this.#failure.error;
  }
}

/**
 * A WritableStream appending to stream `ref`. With `pending` (in a step), writes and the close
 * are tracked there instead of awaited one by one; without it each resolves once stored.
 * Aborting only drops this writer: the run's stream stays open for other steps.
 */
export function createStoreWritable(
  store: StreamStore,
  ref: StreamRef,
  pending?: PendingWrites,
): WritableStream {
  pending?.use();
  const issue = (promise: Promise<void>) => {
    if (!pending) return promise;
    pending.track(promise);
    return undefined;
  };
  const writable = new WritableStream({
    write(chunk: unknown) {
      const text = serialize(chunk, { operation: `a chunk written to ${describe(ref)}` });
      return issue(store.append(ref.runId, ref.name, [text]));
    },
    close() {
      // The sink has been handed every chunk by now; they are stored first, and a failed one
      // fails the close (and the attempt) instead of closing the stream without it.
      const closed = pending
        ? pending.issuedStored().then(() => store.append(ref.runId, ref.name, [], { close: true }))
        : store.append(ref.runId, ref.name, [], { close: true });
      pending?.track(closed);
      return closed;
    },
  });
  writableRefs.set(writable, ref);
  return writable;
}

export interface StoreReadableOptions {
  startIndex?: number;
  /**
   * For a run's own output streams: once the run has ended, no step writes to them again, so a
   * stream left open is closed here (with the run's error if it failed), and a reader of a
   * stream never written ends at once instead of waiting forever.
   */
  watchRunEnd?: RunEndWatch;
}

/**
 * A live ReadableStream of stream `ref` from `startIndex`: it waits for chunks not written yet
 * and ends when the stream is closed. Nothing is read until the first `read()`.
 */
export function createStoreReadable(
  store: StreamStore | Promise<StreamStore>,
  ref: StreamRef,
  options: StoreReadableOptions = {},
): ReadableStream {
  let iterator: AsyncIterableIterator<string> | undefined;
  let watch: ReturnType<RunEndWatch> | undefined;
  let cancelled = false;
  const stop = () => {
    watch?.stop();
    watch = undefined;
  };
  const readable = new ReadableStream(
    {
      async pull(controller) {
        readableRefs.delete(readable);
        if (!iterator) {
          const opened = (await store).read(ref.runId, ref.name, {
            startIndex: options.startIndex,
          });
          if (cancelled) return void opened.return?.();
          iterator = opened;
          watch = options.watchRunEnd?.();
        }
        const next = iterator.next();
        if (watch) {
          const ended = await Promise.race([
            next.then(
              () => undefined,
              () => undefined,
            ),
            watch.ended.then((end) => ({ end })),
          ]);
          if (ended) {
            stop();
            const info = await (await store).info(ref.runId, ref.name);
            if (!info.closed && info.length === 0) {
              void iterator.return?.();
              return ended.end ? controller.error(toError(ended.end)) : controller.close();
            }
            if (!info.closed) {
              const close = ended.end ? { error: ended.end } : { close: true };
              await (await store).append(ref.runId, ref.name, [], close).catch(() => {});
            }
          }
        }
        let result: IteratorResult<string>;
        try {
          result = await next;
        } catch (error) {
          stop();
          throw error;
        }
        if (result.done) {
          stop();
          controller.close();
        } else {
          controller.enqueue(
            deserialize(result.value, { operation: `a chunk of ${describe(ref)}` }),
          );
        }
      },
      async cancel() {
        cancelled = true;
        stop();
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  if (!options.startIndex) readableRefs.set(readable, ref);
  return readable;
}

/** The stream a value made here refers to, if it can be passed on by reference. */
export function getStreamRef(stream: object): StreamRef | undefined {
  return writableRefs.get(stream) ?? readableRefs.get(stream);
}

/**
 * Stores `stream`'s chunks as stream `ref` in the background (it may go on after the step that
 * returned it has completed), then closes it, or closes it with the error the source threw.
 */
export function pipeToStore(stream: ReadableStream, store: StreamStore, ref: StreamRef): void {
  const reader = stream.getReader();
  const done = pump(reader, store, ref);
  let set = pipes.get(store);
  if (!set) pipes.set(store, (set = new Set()));
  const active = set;
  active.add(done);
  void done.finally(() => active.delete(done));
}

async function pump(
  reader: ReadableStreamDefaultReader,
  store: StreamStore,
  ref: StreamRef,
): Promise<void> {
  const inFlight: Promise<void>[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = serialize(value, {
        operation: `a chunk of the ReadableStream ${describe(ref)}`,
      });
      const appended = store.append(ref.runId, ref.name, [text]);
      appended.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
      inFlight.push(appended);
      if (inFlight.length >= 64) await inFlight.shift();
    }
    await Promise.all(inFlight);
    await store.append(ref.runId, ref.name, [], { close: true });
  } catch (error) {
    await Promise.allSettled(inFlight);
    reader.cancel(error).catch(() => {});
    await store.append(ref.runId, ref.name, [], { error: toStreamError(error) }).catch(() => {});
  }
}

/** Waits until every pipe into `store` has finished (pipes started meanwhile included). */
export async function settlePipes(store: StreamStore): Promise<void> {
  const set = pipes.get(store);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}

function toStreamError(error: unknown): StreamError {
  if (typeof error === "object" && error !== null && "message" in error) {
    const { message, name } = error as { message: unknown; name?: unknown };
    return { message: String(message), ...(typeof name === "string" ? { name } : {}) };
  }
  return { message: String(error) };
}

/** How a run ended, for the readers of its output streams: null when it completed. */
export type RunEnd = StreamError | null;

/** The error readers of an ended run's unclosed streams get (null for a completed run). */
export function toRunEnd(
  runId: string,
  status: "completed" | "failed" | "cancelled",
  error?: { message: string },
): RunEnd {
  if (status === "completed") return null;
  return status === "failed"
    ? {
        name: "WorkflowRunFailedError",
        message: `Workflow run ${runId} failed: ${error?.message ?? "unknown error"}`,
      }
    : { name: "WorkflowRunCancelledError", message: `Workflow run ${runId} was cancelled` };
}

/** Watches for the end of the run whose stream is read; `stop()` releases the watch. */
export type RunEndWatch = () => { ended: Promise<RunEnd>; stop(): void };

function toError(end: StreamError): Error {
  return Object.assign(new Error(end.message), { name: end.name ?? "Error" });
}
