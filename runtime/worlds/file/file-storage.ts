import { type FileHandle, open, readdir, readFile, truncate } from "node:fs/promises";
import { join } from "node:path";
import type { LogStorage } from "../local/log-storage.js";
import { isSafeId } from "../shared/check-event.js";
import type { StoredEvent } from "../shared/events.js";
import { prepareDataDir } from "./data-dir.js";
import { decodeLines, encodeBatch } from "./log-lines.js";
import { readBytes } from "./read-bytes.js";

export interface FileStorageOptions {
  dir: string;
  fsync: boolean;
  debug?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
}

interface PendingBatch {
  firstIndex: number;
  count: number;
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What the storage knows of one run's log file. */
interface RunLog {
  readonly path: string;
  /** Bytes of stored batches: writes land after them, reads stop at them. */
  size: number;
  /** Byte offset of each stored event's line, so `read(fromIndex)` reads only what it returns. */
  offsets: number[];
  /** Batches waiting for the write in progress; the next write takes them all (group commit). */
  pending: PendingBatch[];
  draining: boolean;
  idle: Promise<void>;
  /** With fsync: whether the file's directory entry is known to be on disk. */
  entrySynced: boolean;
  /** Set when a failed write could not be undone: the file's end is unknown, so nothing more is written. */
  broken?: Error;
}

/**
 * Run logs as files: `<dir>/runs/<runId>.jsonl`, append-only. Each write appends whole lines in
 * one `write` call on a file opened with O_APPEND; a crash leaves at most one torn batch at the
 * end, which `load` drops and truncates (see log-lines.ts).
 */
export class FileStorage implements LogStorage {
  readonly name: string;
  readonly #dir: string;
  readonly #runsDir: string;
  readonly #fsync: boolean;
  readonly #debug: FileStorageOptions["debug"];
  readonly #logs = new Map<string, RunLog>();

  constructor(options: FileStorageOptions) {
    this.#dir = options.dir;
    this.#runsDir = join(options.dir, "runs");
    this.#fsync = options.fsync;
    this.#debug = options.debug;
    this.name = `file:${options.dir}`;
  }

  describe(runId: string): string {
    return `run log ${this.#path(runId)}`;
  }

  open(): Promise<void> {
    return prepareDataDir(this.#dir);
  }

  async listRunIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdir(this.#runsDir)) {
      const id = name.endsWith(".jsonl") ? name.slice(0, -".jsonl".length) : undefined;
      if (isSafeId(id)) ids.push(id);
    }
    return ids;
  }

  async load(runId: string): Promise<StoredEvent[]> {
    const path = this.#path(runId);
    const buffer = await readFile(path);
    const { events, offsets, end } = decodeLines(buffer, {
      runId,
      file: path,
      firstIndex: 0,
      base: 0,
    });
    if (end < buffer.length) {
      // A write cut short by a crash: drop it so the next append starts on a line of its own.
      await truncate(path, end);
      this.#debug?.("dropped a torn write at the end of a run log", {
        path,
        bytes: buffer.length - end,
      });
    }
    this.#logs.set(runId, newLog(path, end, offsets, true));
    return events;
  }

  async read(runId: string, fromIndex: number): Promise<StoredEvent[]> {
    const log = this.#logs.get(runId);
    if (!log || fromIndex >= log.offsets.length) return [];
    const start = log.offsets[fromIndex] as number;
    const buffer = await readBytes(log.path, start, log.size, "Run log");
    return decodeLines(buffer, { runId, file: log.path, firstIndex: fromIndex, base: start })
      .events;
  }

  append(runId: string, events: readonly StoredEvent[]): Promise<void> {
    let log = this.#logs.get(runId);
    if (!log) this.#logs.set(runId, (log = newLog(this.#path(runId), 0, [], false)));
    let text: string;
    try {
      text = encodeBatch(events);
    } catch (error) {
      return Promise.reject(error);
    }
    const target = log;
    return new Promise<void>((resolve, reject) => {
      target.pending.push({
        firstIndex: events[0]?.index ?? -1,
        count: events.length,
        text,
        resolve,
        reject,
      });
      if (!target.draining) {
        target.draining = true;
        target.idle = this.#drain(target);
      }
    });
  }

  async flush(runId?: string): Promise<void> {
    const logs = runId === undefined ? [...this.#logs.values()] : [this.#logs.get(runId)];
    for (const log of logs) while (log?.draining) await log.idle;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  #path(runId: string): string {
    if (!isSafeId(runId))
      throw new Error(`Refusing a run ID that is not a safe file name: ${JSON.stringify(runId)}`);
    return join(this.#runsDir, `${runId}.jsonl`);
  }

  /** Writes a log's pending batches, all that queued up during the previous write at once. */
  async #drain(log: RunLog): Promise<void> {
    try {
      while (log.pending.length > 0) {
        const group: PendingBatch[] = [];
        let expected = log.offsets.length;
        for (const batch of log.pending.splice(0)) {
          if (log.broken) {
            batch.reject(log.broken);
          } else if (batch.firstIndex !== expected) {
            batch.reject(
              new Error(
                `Run log ${log.path} holds ${expected} events; a batch starting at ${batch.firstIndex} would leave a gap`,
              ),
            );
          } else {
            group.push(batch);
            expected += batch.count;
          }
        }
        if (group.length === 0) continue;
        const buffer = Buffer.from(
          group.length === 1 ? (group[0] as PendingBatch).text : group.map((b) => b.text).join(""),
        );
        try {
          await this.#write(log, buffer);
        } catch (error) {
          // Batches queued behind these were validated against them: they fail too.
          for (const batch of [...group, ...log.pending.splice(0)]) batch.reject(error);
          continue;
        }
        for (let pos = 0; pos < buffer.length; pos = buffer.indexOf(10, pos) + 1)
          log.offsets.push(log.size + pos);
        log.size += buffer.length;
        for (const batch of group) batch.resolve();
      }
    } finally {
      log.draining = false;
    }
  }

  async #write(log: RunLog, buffer: Buffer): Promise<void> {
    const handle = await open(log.path, "a");
    try {
      const { bytesWritten } = await handle.write(buffer, 0, buffer.length);
      if (bytesWritten !== buffer.length)
        throw new Error(`Short write to ${log.path}: ${bytesWritten} of ${buffer.length} bytes`);
      if (this.#fsync) {
        await handle.datasync();
        if (!log.entrySynced) await this.#syncRunsDir();
        log.entrySynced = true;
      }
    } catch (error) {
      await undoWrite(handle, log, error);
      throw error;
    } finally {
      await handle.close();
    }
  }

  /** A new file's name is durable only once its directory is synced. */
  async #syncRunsDir(): Promise<void> {
    const dir = await open(this.#runsDir, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

function newLog(path: string, size: number, offsets: number[], exists: boolean): RunLog {
  return {
    path,
    size,
    offsets,
    pending: [],
    draining: false,
    idle: Promise.resolve(),
    entrySynced: exists,
  };
}

/** Cuts off whatever part of a failed write reached the file; if that fails too, the log is closed for writing. */
async function undoWrite(handle: FileHandle, log: RunLog, cause: unknown): Promise<void> {
  try {
    await handle.truncate(log.size);
  } catch (error) {
    log.broken = new Error(
      `Run log ${log.path} could not be restored after a failed write; restart the world to reload it`,
      {
        cause: [cause, error],
      },
    );
  }
}
