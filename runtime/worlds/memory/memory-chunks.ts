import type { ChunkBatch, ChunkStorage } from "../local/chunk-storage.js";
import { LocalStreams } from "../local/local-streams.js";
import type { StreamError, StreamInfo } from "../shared/stream-store.js";

interface MemoryStream {
  chunks: string[];
  closed: boolean;
  error?: StreamError;
}

/** Stream chunks kept in this process (the memory world's). */
class MemoryChunks implements ChunkStorage {
  /** Streams by run ID, then by name. */
  readonly #runs = new Map<string, Map<string, MemoryStream>>();

  async load(runId: string, name: string): Promise<StreamInfo> {
    const stream = this.#runs.get(runId)?.get(name);
    return stream
      ? {
          length: stream.chunks.length,
          closed: stream.closed,
          ...(stream.error ? { error: stream.error } : {}),
        }
      : { length: 0, closed: false };
  }

  async write(runId: string, name: string, batch: ChunkBatch): Promise<void> {
    let streams = this.#runs.get(runId);
    if (!streams) this.#runs.set(runId, (streams = new Map()));
    let stream = streams.get(name);
    if (!stream) streams.set(name, (stream = { chunks: [], closed: false }));
    if (batch.firstIndex !== stream.chunks.length)
      throw new Error(
        `Stream ${JSON.stringify(name)} of run ${runId} holds ${stream.chunks.length} chunks; a batch at ${batch.firstIndex} would leave a gap`,
      );
    for (const chunk of batch.chunks) stream.chunks.push(chunk);
    if (batch.close) stream.closed = true;
    if (batch.error) stream.error = batch.error;
  }

  async readRange(runId: string, name: string, from: number, to: number): Promise<string[]> {
    return this.#runs.get(runId)?.get(name)?.chunks.slice(from, to) ?? [];
  }

  async list(runId: string): Promise<string[]> {
    return [...(this.#runs.get(runId)?.keys() ?? [])];
  }

  async deleteRun(runId: string): Promise<void> {
    this.#runs.delete(runId);
  }
}

/** A stream store that lives as long as this process: the memory world's. */
export function createMemoryStreams(): LocalStreams {
  return new LocalStreams(new MemoryChunks());
}
