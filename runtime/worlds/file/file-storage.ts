import { appendFileSync, existsSync, readdirSync, readFileSync, truncateSync } from "node:fs";
import { readFile, rename, truncate, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FinishedQuery, LogStorage, RunChange } from "../local/log-storage.js";
import { isSafeId } from "../shared/check-event.js";
import { TERMINAL_RUN_EVENTS, type StoredEvent } from "../shared/events.js";
import type { RunSummary } from "../shared/state/types.js";
import type { Durability, QuarantinedRun } from "../shared/world.js";
import { checkDataDir, prepareDataDir, upgradeDataDir } from "./data-dir.js";
import { ActiveRuns } from "./active-runs.js";
import { acquireDirLock } from "./dir-lock.js";
import type { Journal } from "./journal.js";
import type { RecordHeader } from "./journal-frames.js";
import { decodeLines, encodeBatch } from "./log-lines.js";
import { OpenLogs } from "./open-logs.js";
import { readBytes } from "./read-bytes.js";
import { RunIndex } from "./run-index.js";
import { KeyFiles } from "./key-files.js";

export interface FileStorageOptions {
  dir: string;
  journal: Journal;
  /** Opens the directory beside its writer: no lock, no repair, no write. */
  readOnly: boolean;
  /** Replays a journaled stream write (file-chunks.ts). */
  replayChunks: (header: Extract<RecordHeader, { k: "c" }>, body: Buffer) => void;
  /** Called once the replay is over (the stream store forgets what it read for it). */
  endReplay?: () => void;
  debug?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
}

/** What the storage knows of an active run's log file. */
interface RunLog {
  readonly path: string;
  /** Bytes of stored batches: reads stop at them. */
  size: number;
  /** Byte offset of each stored event's line, so `read(fromIndex)` reads only what it returns. */
  offsets: number[];
  /** Events committed or being committed: the next batch must start here. */
  expected: number;
}

/**
 * Run logs as files: `<dir>/runs/<runId>.jsonl`, append-only JSON lines (log-lines.ts), made
 * durable by the journal (journal.ts): a batch is journaled, then written here. Beside them,
 * `active/<runId>` marks each unfinished run (start-up reads only those logs), and
 * `index/finished-<gen>.jsonl` lists finished runs (run-index.ts) for `listRuns` and `prune`. The
 * storage keeps a record (`RunLog`) of active runs only.
 */
export class FileStorage implements LogStorage {
  readonly name: string;
  readonly #dir: string;
  readonly #runsDir: string;
  readonly #active: ActiveRuns;
  readonly #quarantineDir: string;
  readonly #journal: Journal;
  readonly #readOnly: boolean;
  readonly #replayChunks: FileStorageOptions["replayChunks"];
  readonly #endReplay: FileStorageOptions["endReplay"];
  readonly #debug: FileStorageOptions["debug"];
  readonly #index: RunIndex;
  readonly #keys: KeyFiles;
  readonly #logs = new Map<string, RunLog>();
  /** Descriptors of active runs' logs, for their appends and reads of what was just written. */
  readonly #open = new OpenLogs();
  #quarantined = new Map<string, QuarantinedRun>();
  #release: (() => void) | undefined;

  constructor(options: FileStorageOptions) {
    this.#dir = options.dir;
    this.#runsDir = join(options.dir, "runs");
    this.#active = new ActiveRuns(options.dir);
    this.#quarantineDir = join(options.dir, "quarantine");
    this.#journal = options.journal;
    this.#readOnly = options.readOnly;
    this.#replayChunks = options.replayChunks;
    this.#endReplay = options.endReplay;
    this.#debug = options.debug;
    this.#index = new RunIndex(options.dir, options.readOnly);
    this.#keys = new KeyFiles(options.dir);
    this.name = `file:${options.dir}`;
  }

  describe(runId: string): string {
    return `run log ${this.#path(runId)}`;
  }

  async open(): Promise<void> {
    if (this.#readOnly) {
      await checkDataDir(this.#dir);
      await this.#index.open();
      this.#active.open(true);
      return;
    }
    await prepareDataDir(this.#dir);
    this.#release = await acquireDirLock(this.#dir, this.#debug);
    try {
      await this.#index.open();
      this.#active.open(false);
      await upgradeDataDir(this.#dir);
      this.#quarantined = await this.#readQuarantine();
      const replay = new Map<string, { count: number } | null>();
      await this.#journal.open((header, body) =>
        header.k === "e"
          ? this.#replayEvents(header, body, replay)
          : this.#replayChunks(header, body),
      );
      this.#endReplay?.();
    } catch (error) {
      this.#active.close();
      this.#release();
      this.#release = undefined;
      throw error;
    }
  }

  async listActiveRunIds(): Promise<string[]> {
    return this.#active.list();
  }

  async load(runId: string): Promise<StoredEvent[] | null> {
    const path = this.#path(runId);
    // Most loads of a missing log are of a run being created: answer those without the pool.
    if (!existsSync(path)) return null;
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    const { events, offsets, end } = decodeLines(buffer, {
      runId,
      file: path,
      firstIndex: 0,
      base: 0,
    });
    if (end < buffer.length && !this.#readOnly && !this.#logs.has(runId)) {
      // A write cut short by a crash: drop it so the next append starts on a line of its own.
      await truncate(path, end);
      this.#debug?.("dropped a torn write at the end of a run log", {
        path,
        bytes: buffer.length - end,
      });
    }
    const last = events[events.length - 1];
    if (!this.#readOnly && last && !TERMINAL_RUN_EVENTS.has(last.type) && !this.#logs.has(runId)) {
      this.#logs.set(runId, { path, size: end, offsets, expected: events.length });
    }
    return events.length > 0 ? events : null;
  }

  async read(runId: string, fromIndex: number): Promise<StoredEvent[]> {
    if (!isSafeId(runId)) return [];
    const log = this.#logs.get(runId);
    if (!log) return (await this.load(runId))?.slice(fromIndex) ?? [];
    if (fromIndex >= log.offsets.length) return [];
    const start = log.offsets[fromIndex] as number;
    // The tail a running workflow asks for (the batches since its last look) was just written:
    // it is in the page cache, and a synchronous read of it beats three trips to the pool.
    const buffer =
      log.size - start <= SYNC_READ_BYTES
        ? this.#readTail(log, start)
        : await readBytes(log.path, start, log.size, "Run log");
    return decodeLines(buffer, { runId, file: log.path, firstIndex: fromIndex, base: start })
      .events;
  }

  append(
    runId: string,
    events: readonly StoredEvent[],
    change: RunChange,
    durability: Durability = "now",
  ): Promise<void> {
    if (this.#readOnly) return Promise.reject(readOnlyError(this.#dir, runId));
    let log: RunLog;
    let text: string;
    try {
      log = this.#logs.get(runId) ?? this.#openLog(runId, change.created === true);
      const first = events[0]?.index ?? -1;
      if (first !== log.expected)
        throw new Error(
          `Run log ${log.path} holds ${log.expected} events; a batch starting at ${first} would leave a gap`,
        );
      text = encodeBatch(events);
    } catch (error) {
      return Promise.reject(error);
    }
    log.expected += events.length;
    const header: RecordHeader = { k: "e", r: runId, i: events[0]!.index, n: events.length };
    if (change.created) header.a = 1;
    const key = change.idempotencyKey;
    if (key !== undefined) header.y = key;
    let summary: string | undefined;
    if (change.finished) header.f = summary = JSON.stringify(change.finished);
    const updatedAt = change.finished?.updatedAt ?? 0;
    let written = false;
    // A new run's log is created during the journal's flush, in the pool (see OpenLogs.prepare).
    const ready =
      this.#journal.durable && !this.#open.has(log.path) ? this.#open.prepare(log.path) : undefined;
    // The key's file is written in the pool during the flush too; it may name a run whose batch
    // never lands (key-files.ts), never the other way round.
    const keyWritten =
      key !== undefined && this.#journal.durable ? this.#keys.write(key, runId) : undefined;
    return this.#journal
      .commit(
        header,
        text,
        () => {
          if (change.created) this.#markActive(runId);
          if (key !== undefined) this.#keyWritten(key, runId, written);
          const buffer = Buffer.from(text);
          this.#open.append(log.path, buffer);
          this.#journal.markDirty(log.path);
          for (let pos = 0; pos < buffer.length; pos = buffer.indexOf(10, pos) + 1)
            log.offsets.push(log.size + pos);
          log.size += buffer.length;
          if (summary !== undefined) this.#finish(runId, summary, updatedAt);
        },
        keyWritten ? Promise.all([ready, keyWritten]).then(([, ok]) => void (written = ok)) : ready,
        durability,
      )
      .catch((error: unknown) => {
        log.expected = log.offsets.length;
        throw error;
      });
  }

  async settle(runId: string, finished: RunSummary | null): Promise<void> {
    if (this.#readOnly) return;
    this.#open.close(this.#path(runId));
    if (finished) this.#finish(runId, JSON.stringify(finished), finished.updatedAt);
    else this.#unmarkActive(runId);
  }

  findRunByKey(key: string): Promise<string | undefined> {
    return this.#keys.read(key);
  }

  listFinished(query: FinishedQuery): Promise<RunSummary[]> {
    return this.#index.listNewest(query);
  }

  async pruneFinished(
    finishedBefore: number,
    limit: number,
    isActive: (runId: string) => boolean,
  ): Promise<string[]> {
    if (this.#readOnly) throw readOnlyError(this.#dir);
    const expired: Array<{ runId: string; end: number; key: string | undefined }> = [];
    for await (const { run, end } of this.#index.forwards()) {
      if (expired.length >= limit || (run.completedAt ?? run.updatedAt) >= finishedBefore) break;
      expired.push({ runId: run.runId, end, key: run.idempotencyKey });
    }
    if (expired.length === 0) return [];
    // No journal record may name a run deleted here: replaying it would bring the run back.
    await this.#journal.checkpoint();
    const deleted: string[] = [];
    for (const { runId, key } of expired) {
      if (isActive(runId) || this.#logs.has(runId)) continue; // an ID used again since
      try {
        this.#open.close(this.#path(runId));
        await unlink(this.#path(runId));
        deleted.push(runId);
        if (key !== undefined) await this.#keys.delete(key, runId);
      } catch (error) {
        ignoreMissing(error); // listed twice (a replayed line)
      }
    }
    await this.#index.setHead(expired[expired.length - 1]!.end);
    return deleted;
  }

  async quarantine(runId: string, reason: string): Promise<void> {
    if (this.#readOnly) return;
    const entry = { runId, reason, quarantinedAt: Date.now() };
    await writeFile(
      join(this.#quarantineDir, `${runId}.reason.json`),
      JSON.stringify(entry) + "\n",
    );
    this.#open.close(this.#path(runId));
    await rename(this.#path(runId), join(this.#quarantineDir, `${runId}.jsonl`)).catch(
      ignoreMissing,
    );
    this.#unmarkActive(runId);
    this.#logs.delete(runId);
    this.#quarantined.set(runId, entry);
  }

  async listQuarantined(): Promise<QuarantinedRun[]> {
    const runs = this.#readOnly ? await this.#readQuarantine() : this.#quarantined;
    return [...runs.values()].sort((a, b) => a.quarantinedAt - b.quarantinedAt);
  }

  /** The writer knows its quarantine (no promise: asked before every read of a run's events). */
  quarantined(runId: string): QuarantinedRun | undefined | Promise<QuarantinedRun | undefined> {
    if (!this.#readOnly) return this.#quarantined.get(runId);
    return this.#readQuarantineReason(runId);
  }

  async #readQuarantineReason(runId: string): Promise<QuarantinedRun | undefined> {
    try {
      return JSON.parse(
        await readFile(join(this.#quarantineDir, `${runId}.reason.json`), "utf8"),
      ) as QuarantinedRun;
    } catch {
      return undefined;
    }
  }

  flush(): Promise<void> {
    return this.#journal.flush();
  }

  async close(): Promise<void> {
    try {
      await this.#journal.close();
    } finally {
      this.#open.closeAll();
      this.#active.close();
      this.#release?.();
      this.#release = undefined;
    }
  }

  #path(runId: string): string {
    if (!isSafeId(runId))
      throw new Error(`Refusing a run ID that is not a safe file name: ${JSON.stringify(runId)}`);
    return join(this.#runsDir, `${runId}.jsonl`);
  }

  /** The record of a run not loaded (a new one, or a finished one taking a late event). */
  /** The log of a run being written; `created`: its first batch (the world found no log). */
  #openLog(runId: string, created: boolean): RunLog {
    const path = this.#path(runId);
    let buffer: Buffer;
    try {
      buffer = created && !existsSync(path) ? Buffer.alloc(0) : readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      buffer = Buffer.alloc(0);
    }
    const { offsets, end } = decodeLines(buffer, { runId, file: path, firstIndex: 0, base: 0 });
    if (end < buffer.length) truncateSync(path, end);
    const log = { path, size: end, offsets, expected: offsets.length };
    this.#logs.set(runId, log);
    return log;
  }

  #markActive(runId: string): void {
    this.#active.add(runId);
    this.#journal.markDirty(this.#active.path);
  }

  /** The key's file, written now unless the pool wrote it during the flush; flushed at a checkpoint. */
  #keyWritten(key: string, runId: string, written: boolean): void {
    if (!written) this.#keys.writeSync(key, runId);
    this.#journal.markDirty(this.#keys.path(key));
    this.#journal.markDirty(this.#keys.dir);
  }

  #unmarkActive(runId: string): void {
    this.#active.delete(runId);
    this.#journal.markDirty(this.#active.path);
  }

  /** The run's index line, then its active mark goes; its record too, once nothing is queued. */
  #finish(runId: string, summary: string, updatedAt: number): void {
    this.#index.append(summary, updatedAt);
    this.#journal.markDirty(this.#index.path);
    this.#unmarkActive(runId);
    const log = this.#logs.get(runId);
    if (log && log.expected === log.offsets.length) {
      this.#logs.delete(runId);
      this.#open.close(log.path);
    }
  }

  #readTail(log: RunLog, start: number): Buffer {
    const buffer = this.#open.read(log.path, start, log.size);
    if (buffer.length < log.size - start)
      throw new Error(
        `Run log ${log.path} is shorter than expected; was it changed outside the world?`,
      );
    return buffer;
  }

  /** Writes a journaled batch that the run log lacks (by event index). */
  #replayEvents(
    header: Extract<RecordHeader, { k: "e" }>,
    body: Buffer,
    known: Map<string, { count: number } | null>,
  ): void {
    const { r: runId, i: first, n: count } = header;
    if (!isSafeId(runId) || this.#quarantined.has(runId)) return;
    let log = known.get(runId);
    if (log === undefined) {
      try {
        log = { count: this.#openLog(runId, false).offsets.length };
        this.#logs.delete(runId);
      } catch (error) {
        // A damaged log is left as it is: loading it sets it aside with its reason.
        this.#debug?.("journal replay skips a run whose log is damaged", { runId, error });
        log = null;
      }
      known.set(runId, log);
    }
    if (log === null) return;
    if (header.a) this.#markActive(runId);
    if (header.a && header.y !== undefined) this.#keyWritten(header.y, runId, false);
    if (log.count === first) {
      appendFileSync(this.#path(runId), body);
      this.#journal.markDirty(this.#path(runId));
      log.count += count;
    } else if (log.count < first) {
      this.#debug?.("journal replay skips a batch after a gap", {
        runId,
        first,
        stored: log.count,
      });
      return;
    }
    if (header.f !== undefined) {
      const summary = JSON.parse(header.f) as RunSummary;
      this.#finish(runId, header.f, summary.updatedAt);
    }
  }

  async #readQuarantine(): Promise<Map<string, QuarantinedRun>> {
    const runs = new Map<string, QuarantinedRun>();
    let names: string[];
    try {
      names = readdirSync(this.#quarantineDir);
    } catch (error) {
      ignoreMissing(error);
      return runs;
    }
    for (const name of names) {
      if (!name.endsWith(".reason.json")) continue;
      try {
        const entry = JSON.parse(
          await readFile(join(this.#quarantineDir, name), "utf8"),
        ) as QuarantinedRun;
        runs.set(entry.runId, entry);
      } catch {
        // a reason file cut short: its log stays in quarantine/
      }
    }
    return runs;
  }
}

/** Reads of an active run's log up to this size are synchronous (see `read`). */
const SYNC_READ_BYTES = 256 * 1024;

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

function readOnlyError(dir: string, runId?: string): Error {
  return new Error(
    `The world on ${dir} is read-only${runId ? `; append to run ${runId} refused` : ""}. ` +
      "Open it without readOnly (in the one process that runs the workflows) to write.",
  );
}
