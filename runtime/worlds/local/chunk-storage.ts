import type { StreamError, StreamInfo } from "../shared/stream-store.js";

/**
 * Where an in-process world keeps stream chunks. `LocalStreams` validates, orders and batches
 * appends and wakes readers; a storage only stores and returns, so backends differ in nothing
 * else. `LocalStreams` calls `load` once per stream before anything else on it, and never
 * writes one stream concurrently.
 */
export interface ChunkStorage {
  /** What is stored of a stream; the storage drops (and may repair) a write a crash cut short. */
  load(runId: string, name: string): Promise<StreamInfo>;
  /** Stores one batch durably, all or nothing. `firstIndex` is the stream's stored length. */
  write(runId: string, name: string, batch: ChunkBatch): Promise<void>;
  /** Stored chunks `from` (inclusive) to `to` (exclusive) of a loaded stream; `to` <= its length. */
  readRange(runId: string, name: string, from: number, to: number): Promise<string[]>;
  /** Names of a run's streams that hold chunks or are closed. */
  list(runId: string): Promise<string[]>;
  /** Drops what the storage keeps in memory of a closed stream (loaded again on next use). */
  forget?(runId: string, name: string): void;
  /** Deletes every stream of a run (a pruned run); `LocalStreams` forgets them first. */
  deleteRun(runId: string): Promise<void>;
}

/** One write: appends coalesced by `LocalStreams` while the previous write was in progress. */
export interface ChunkBatch {
  firstIndex: number;
  chunks: readonly string[];
  close: boolean;
  error?: StreamError;
}
