import { appendFileSync, mkdirSync, readFileSync, truncateSync } from "node:fs";
import { readdir, readFile, rm, truncate } from "node:fs/promises";
import { join } from "node:path";
import type { ChunkBatch, ChunkStorage } from "../local/chunk-storage.js";
import { LocalStreams } from "../local/local-streams.js";
import type { StreamInfo } from "../shared/stream-store.js";
import { decodeChunkLines, encodeChunkLine } from "./chunk-lines.js";
import { Journal } from "./journal.js";
import type { RecordHeader } from "./journal-frames.js";
import { readBytes } from "./read-bytes.js";

export interface FileStreamsOptions {
  /** The world's data directory; streams go to `<dir>/streams/<runId>/`. */
  dir: string;
  /** Makes each write durable (shared with the run logs: one flush covers both). */
  journal: Journal;
  /** Reads beside the writer: no repair, no write. @default false */
  readOnly?: boolean;
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
}

/**
 * Stream chunks as files: `<dir>/streams/<runId>/<base64url(name)>.jsonl`, append-only, one line
 * per write (chunk-lines.ts). A write is journaled first (journal.ts), then appended here with
 * one `write`; a crash leaves at most a torn last line, which `load` drops and truncates, and
 * the journal's replay writes again what an acknowledged write lacks.
 */
export class FileChunks implements ChunkStorage {
  readonly #dir: string;
  readonly #journal: Journal;
  readonly #readOnly: boolean;
  readonly #debug: FileStreamsOptions["debug"];
  readonly #files = new Map<string, StreamFile>();
  /** Run folders known to exist. */
  readonly #runDirs = new Set<string>();
  /** During a replay: what each stream file holds. */
  readonly #replayed = new Map<string, { length: number; closed: boolean } | null>();

  constructor(options: FileStreamsOptions) {
    this.#dir = join(options.dir, "streams");
    this.#journal = options.journal;
    this.#readOnly = options.readOnly ?? false;
    this.#debug = options.debug;
  }

  async load(runId: string, name: string): Promise<StreamInfo> {
    const path = this.#path(runId, Buffer.from(name).toString("base64url"));
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      this.#files.set(key(runId, name), newFile(path));
      return { length: 0, closed: false };
    }
    const decoded = decodeChunkLines(buffer, { file: path, firstIndex: 0, base: 0 });
    if (decoded.end < buffer.length && !this.#readOnly) {
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
    });
    return {
      length: decoded.chunks.length,
      closed: decoded.closed,
      ...(decoded.error ? { error: decoded.error } : {}),
    };
  }

  write(runId: string, name: string, batch: ChunkBatch): Promise<void> {
    if (this.#readOnly)
      return Promise.reject(
        new Error(`Stream ${JSON.stringify(name)} of run ${runId}: this world is read-only`),
      );
    const file = this.#file(runId, name);
    if (batch.firstIndex !== file.length)
      return Promise.reject(
        new Error(
          `Stream file ${file.path} holds ${file.length} chunks; a write at ${batch.firstIndex} would leave a gap`,
        ),
      );
    const line = encodeChunkLine(batch);
    const header: RecordHeader = {
      k: "c",
      r: runId,
      s: Buffer.from(name).toString("base64url"),
      i: batch.firstIndex,
      n: batch.chunks.length,
    };
    if (batch.close) header.e = 1;
    return this.#journal.commit(header, line, () => {
      const buffer = Buffer.from(line);
      this.#runDir(runId);
      appendFileSync(file.path, buffer);
      this.#journal.markDirty(file.path);
      file.offsets.push(file.size);
      file.firsts.push(batch.firstIndex);
      file.size += buffer.length;
      file.length += batch.chunks.length;
    });
  }

  /** Writes a journaled batch that the stream file lacks (by chunk index). */
  replay(header: Extract<RecordHeader, { k: "c" }>, body: Buffer): void {
    const path = this.#path(header.r, header.s);
    let stream = this.#replayed.get(path);
    if (stream === undefined) {
      let buffer: Buffer;
      try {
        buffer = readFileSync(path);
      } catch {
        buffer = Buffer.alloc(0);
      }
      try {
        const decoded = decodeChunkLines(buffer, { file: path, firstIndex: 0, base: 0 });
        if (decoded.end < buffer.length) truncateSync(path, decoded.end);
        stream = { length: decoded.chunks.length, closed: decoded.closed };
      } catch (error) {
        this.#debug?.("journal replay skips a damaged stream file", { path, error });
        stream = null;
      }
      this.#replayed.set(path, stream);
    }
    if (stream === null || stream.closed || stream.length !== header.i) return;
    this.#runDir(header.r);
    appendFileSync(path, body);
    this.#journal.markDirty(path);
    stream.length += header.n;
    stream.closed = header.e === 1;
  }

  /** Forgets what the replay read (called once the journal is open). */
  endReplay(): void {
    this.#replayed.clear();
  }

  forget(runId: string, name: string): void {
    this.#files.delete(key(runId, name));
  }

  /** Deletes a run's streams (a pruned run). */
  async deleteRun(runId: string): Promise<void> {
    for (const key of this.#files.keys()) if (key.startsWith(`${runId}\0`)) this.#files.delete(key);
    this.#runDirs.delete(runId);
    if (!this.#readOnly) await rm(join(this.#dir, runId), { recursive: true, force: true });
  }

  async readRange(runId: string, name: string, from: number, to: number): Promise<string[]> {
    // A closed stream's record may have been dropped (`forget`) while a reader was on it.
    if (!this.#files.has(key(runId, name))) await this.load(runId, name);
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

  #path(runId: string, encodedName: string): string {
    return join(this.#dir, runId, `${encodedName}.jsonl`);
  }

  /** Creates a run's stream folder once (the journal's checkpoint makes its entry durable). */
  #runDir(runId: string): void {
    if (this.#runDirs.has(runId)) return;
    const dir = join(this.#dir, runId);
    if (mkdirSync(dir, { recursive: true }) !== undefined) this.#journal.markDirty(dir);
    this.#runDirs.add(runId);
  }
}

const key = (runId: string, name: string) => `${runId}\0${name}`;

function newFile(path: string): StreamFile {
  return { path, size: 0, offsets: [], firsts: [], length: 0 };
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

/** A stream store in a data directory that survives restarts: the file world's. */
export function createFileStreams(
  options: Omit<FileStreamsOptions, "journal"> & { journal?: Journal; fsync?: boolean },
): LocalStreams {
  const journal =
    options.journal ?? new Journal({ dir: options.dir, fsync: options.fsync ?? false });
  return new LocalStreams(new FileChunks({ ...options, journal }));
}
