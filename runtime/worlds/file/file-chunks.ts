import { mkdir, open, readdir, readFile, truncate } from "node:fs/promises";
import { join } from "node:path";
import type { ChunkBatch, ChunkStorage } from "../local/chunk-storage.js";
import { LocalStreams } from "../local/local-streams.js";
import type { StreamInfo } from "../shared/stream-store.js";
import { decodeChunkLines, encodeChunkLine } from "./chunk-lines.js";
import { readBytes } from "./read-bytes.js";

export interface FileStreamsOptions {
  /** The world's data directory; streams go to `<dir>/streams/<runId>/`. */
  dir: string;
  /** Whether a write returns only after `fdatasync` (see the file world's `fsync`). @default false */
  fsync?: boolean;
  debug?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
}

/** What the storage knows of one stream file once loaded. */
interface StreamFile {
  readonly path: string;
  /** Bytes of stored lines: writes land after them, reads stop at them. */
  size: number;
  /** Byte offset and first chunk index of each line, so a read from chunk n reads from its line. */
  offsets: number[];
  firsts: number[];
  length: number;
  /** With fsync: whether the file's directory entry is known to be on disk. */
  entrySynced: boolean;
  /** Set when a failed write could not be undone: nothing more is written to this file. */
  broken?: Error;
}

/**
 * Stream chunks as files: `<dir>/streams/<runId>/<base64url(name)>.jsonl`, append-only, one line
 * per write (chunk-lines.ts), each written with one `write` on a file opened with O_APPEND. A
 * crash leaves at most a torn last line, which `load` drops and truncates.
 */
class FileChunks implements ChunkStorage {
  readonly #root: string;
  readonly #dir: string;
  readonly #fsync: boolean;
  readonly #debug: FileStreamsOptions["debug"];
  readonly #files = new Map<string, StreamFile>();
  /** Run folders known to exist (and, with fsync, to be on disk). */
  readonly #runDirs = new Map<string, Promise<void>>();

  constructor(options: FileStreamsOptions) {
    this.#root = options.dir;
    this.#dir = join(options.dir, "streams");
    this.#fsync = options.fsync ?? false;
    this.#debug = options.debug;
  }

  async load(runId: string, name: string): Promise<StreamInfo> {
    const path = join(this.#dir, runId, `${Buffer.from(name).toString("base64url")}.jsonl`);
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      this.#files.set(key(runId, name), newFile(path));
      return { length: 0, closed: false };
    }
    const decoded = decodeChunkLines(buffer, { file: path, firstIndex: 0, base: 0 });
    if (decoded.end < buffer.length) {
      await truncate(path, decoded.end);
      this.#debug?.("dropped a torn write at the end of a stream file", {
        path,
        bytes: buffer.length - decoded.end,
      });
    }
    this.#files.set(key(runId, name), {
      path,
      size: decoded.end,
      offsets: decoded.offsets,
      firsts: decoded.firsts,
      length: decoded.chunks.length,
      entrySynced: true,
    });
    return {
      length: decoded.chunks.length,
      closed: decoded.closed,
      ...(decoded.error ? { error: decoded.error } : {}),
    };
  }

  async write(runId: string, name: string, batch: ChunkBatch): Promise<void> {
    const file = this.#file(runId, name);
    if (file.broken) throw file.broken;
    if (batch.firstIndex !== file.length)
      throw new Error(
        `Stream file ${file.path} holds ${file.length} chunks; a write at ${batch.firstIndex} would leave a gap`,
      );
    const buffer = Buffer.from(encodeChunkLine(batch));
    await this.#runDir(runId);
    const handle = await open(file.path, "a");
    try {
      const { bytesWritten } = await handle.write(buffer, 0, buffer.length);
      if (bytesWritten !== buffer.length)
        throw new Error(`Short write to ${file.path}: ${bytesWritten} of ${buffer.length} bytes`);
      if (this.#fsync) {
        await handle.datasync();
        if (!file.entrySynced) await syncDir(join(this.#dir, runId));
        file.entrySynced = true;
      }
    } catch (error) {
      // Cut off whatever part of the line reached the file, or stop writing to it.
      await handle.truncate(file.size).catch((undo: unknown) => {
        file.broken = new Error(
          `Stream file ${file.path} could not be restored after a failed write; restart the world to reload it`,
          { cause: [error, undo] },
        );
      });
      throw error;
    } finally {
      await handle.close();
    }
    file.offsets.push(file.size);
    file.firsts.push(batch.firstIndex);
    file.size += buffer.length;
    file.length += batch.chunks.length;
  }

  async readRange(runId: string, name: string, from: number, to: number): Promise<string[]> {
    const file = this.#file(runId, name);
    if (from >= to) return [];
    const first = lineOf(file.firsts, from);
    const last = lineOf(file.firsts, to - 1);
    const start = file.offsets[first]!;
    const end = file.offsets[last + 1] ?? file.size;
    const buffer = await readBytes(file.path, start, end, "Stream file");
    const firstIndex = file.firsts[first]!;
    const { chunks } = decodeChunkLines(buffer, { file: file.path, firstIndex, base: start });
    return chunks.slice(from - firstIndex, to - firstIndex);
  }

  async list(runId: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(join(this.#dir, runId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith(".jsonl"))
      .map((name) => Buffer.from(name.slice(0, -".jsonl".length), "base64url").toString());
  }

  #file(runId: string, name: string): StreamFile {
    const file = this.#files.get(key(runId, name));
    if (!file) throw new Error(`Stream ${JSON.stringify(name)} of run ${runId} was not loaded`);
    return file;
  }

  /** Creates a run's stream folder once; with fsync, makes the new entries durable. */
  #runDir(runId: string): Promise<void> {
    let ready = this.#runDirs.get(runId);
    if (!ready) {
      const dir = join(this.#dir, runId);
      ready = (async () => {
        const created = await mkdir(dir, { recursive: true });
        if (this.#fsync && created !== undefined) {
          await syncDir(this.#dir);
          await syncDir(this.#root);
        }
      })();
      this.#runDirs.set(runId, ready);
      ready.catch(() => this.#runDirs.delete(runId));
    }
    return ready;
  }
}

const key = (runId: string, name: string) => `${runId}\0${name}`;

function newFile(path: string): StreamFile {
  return { path, size: 0, offsets: [], firsts: [], length: 0, entrySynced: false };
}

/** The line holding chunk `index`: the last line whose first chunk is at or before it. */
function lineOf(firsts: readonly number[], index: number): number {
  let low = 0;
  let high = firsts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (firsts[mid]! <= index) low = mid;
    else high = mid - 1;
  }
  return low;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A stream store in a data directory that survives restarts: the file world's. */
export function createFileStreams(options: FileStreamsOptions): LocalStreams {
  return new LocalStreams(new FileChunks(options));
}
