/**
 * A run's output streams, as a world stores them: named, append-only sequences of chunks that
 * steps write and clients read live (`getWritable()`, `run.getReadable()`, streams returned by
 * steps). A chunk is opaque text (the runtime stores each one serialized, so bytes and objects
 * both fit); the store only orders, keeps and hands them out.
 *
 * Guarantees every backend gives:
 * - **Atomic appends.** An `append` stores all of its chunks (and its close) or none; a reader
 *   never sees part of one.
 * - **Ordering.** Appends to one stream are stored in call order, and chunk `i` of a stream is
 *   the same for every reader, in every process that opens the world later.
 * - **Stored means readable.** `append` resolves once its chunks are stored (file world: written
 *   to the kernel, and with `fsync` on disk); readers see a chunk only from then on.
 * - **Closing is final.** After a close, appending chunks is refused (`STREAM_CLOSED`), while
 *   closing again is a no-op (a retried step may close twice).
 * - **Liveness.** `read` waits for chunks not written yet, also on a stream nobody has written
 *   to (it may be about to be), and ends after the last chunk of a closed stream.
 * - Chunks are at-least-once like the steps that write them: a retried step writes again.
 */
export interface StreamStore {
  /**
   * Appends `chunks` to stream `name` of run `runId` (creating it), then closes it when
   * `options.close` is set. Resolves once stored.
   */
  append(
    runId: string,
    name: string,
    chunks: readonly string[],
    options?: StreamAppendOptions,
  ): Promise<void>;
  /**
   * The stream's chunks from `startIndex` on, live (see Liveness). The iterator's `return()`
   * (a `break` out of `for await`) stops it, also while it waits. Rejects with the stored error
   * after the last chunk of a stream closed with one, and with an error when the world closes.
   */
  read(runId: string, name: string, options?: StreamReadOptions): AsyncIterableIterator<string>;
  /** How many chunks are stored and whether the stream is closed; a stream never written is empty and open. */
  info(runId: string, name: string): Promise<StreamInfo>;
  /** Names of the run's streams that hold chunks or are closed. */
  list(runId: string): Promise<string[]>;
}

/** How an append ends a stream. */
export interface StreamAppendOptions {
  /** Closes the stream after the chunks: readers end once they have read them. @default false */
  close?: boolean;
  /**
   * Closes the stream as failed (implies `close`): readers get this error after the last chunk,
   * e.g. when the stream a step returned threw while it was being stored.
   */
  error?: StreamError;
}

/** Why a stream failed, as readers get it. */
export interface StreamError {
  message: string;
  name?: string;
}

export interface StreamReadOptions {
  /**
   * The first chunk to read (0-based). A negative index counts back from the chunks stored when
   * reading starts (-10: the last ten). Past the end, the reader waits for that chunk.
   * @default 0
   */
  startIndex?: number;
}

export interface StreamInfo {
  /** Chunks stored. */
  length: number;
  closed: boolean;
  error?: StreamError;
}

/** Stream names become file names in the file world: any string of 1 to 180 UTF-8 bytes. */
export const MAX_STREAM_NAME_BYTES = 180;
