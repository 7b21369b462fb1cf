import { execFile } from "node:child_process";
import {
  closeSync,
  fdatasync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeSync,
} from "node:fs";
import { open, readFile, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { mapWithLimit } from "../local/map-with-limit.js";
import { LaterCommits } from "../shared/later-commits.js";
import type { Durability } from "../shared/world.js";
import { decodeRecords, encodeRecord, type RecordHeader } from "./journal-frames.js";

export interface JournalOptions {
  /** The data directory; segments go to `<dir>/journal/<seq>.wal`. */
  dir: string;
  /** Whether a commit returns only after `fdatasync`; without it there is no journal at all. */
  fsync: boolean;
  /** A segment this large is closed, and a checkpoint started. @default 64 MiB */
  segmentBytes?: number;
  debug?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
}

interface Pending {
  frame: Buffer;
  /** Must settle before `apply` (a file it writes being created meanwhile). */
  ready: Promise<void> | undefined;
  apply: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The write-ahead journal of a data directory: what makes an acknowledged write durable.
 *
 * A commit is a record (journal-frames.ts) and an `apply` that writes the same bytes into the
 * file reads use (a run log, a stream file) without flushing it. Commits that arrive while a
 * flush is in progress, of any run or stream, go out together: one `write` and one
 * `fdatasync` of the segment (group commit), then each `apply`, then each commit resolves.
 * Files that `apply` wrote are marked dirty; a checkpoint (when a segment passes
 * `segmentBytes`, and on close) flushes them and their folders and deletes the segments
 * before it. At open, the records of every segment left are handed to `replay`, which writes
 * what the files lack (by event and chunk index, so it may see a record twice).
 *
 * With `fsync: false` nothing is journaled: `apply` runs at once. Its writes are in the kernel
 * when the commit resolves, so they survive the process being killed, not a power loss.
 */
export class Journal {
  readonly #dir: string;
  readonly #fsync: boolean;
  readonly #segmentBytes: number;
  readonly #debug: JournalOptions["debug"];
  #fd = -1;
  #seq = 0;
  /** Bytes of records in the current segment: where the next one is written. */
  #size = 0;
  /** Bytes of the segment written (zeros past `#size`): records are written over them. */
  #allocated = 0;
  /** The background flush of the last growth: awaited before the segment is closed. */
  #growing: Promise<void> = Promise.resolve();
  #pending: Pending[] = [];
  /** The "later" commits, and which a flush has covered; it flushes those none covered in time. */
  readonly #later = new LaterCommits(() =>
    this.#broken || this.#fd === -1 ? Promise.resolve() : this.#sync(),
  );
  #flushes = 0;
  /** Runs with commits written or waiting but not yet applied, and how many. */
  readonly #waiting = new Map<string, number>();
  #draining: Promise<void> | undefined;
  #dirty = new Set<string>();
  #checkpoints: Promise<void> = Promise.resolve();
  #broken: Error | undefined;
  #replaying = false;

  constructor(options: JournalOptions) {
    this.#dir = join(options.dir, "journal");
    this.#fsync = options.fsync;
    this.#segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.#debug = options.debug;
  }

  /**
   * Replays the segments a previous process left, makes the result durable, deletes them, and
   * (with fsync) opens a new segment.
   */
  async open(replay: (header: RecordHeader, body: Buffer) => void): Promise<void> {
    const segments = readdirSync(this.#dir)
      .filter((name) => /^\d+\.wal$/.test(name))
      .map((name) => Number(name.slice(0, -4)))
      .sort((a, b) => a - b);
    let replayed = 0;
    this.#replaying = true;
    for (const seq of segments) {
      const file = this.#segment(seq);
      const buffer = await readFile(file);
      const { records, end } = decodeRecords(buffer);
      for (const { header, body } of records) replay(header, body);
      replayed += records.length;
      if (end < buffer.length && buffer.subarray(end).some((byte) => byte !== 0))
        this.#debug?.("journal segment ends with a record cut short or damaged; ignored", {
          file,
          bytes: buffer.length - end,
        });
    }
    if (replayed > 0) this.#debug?.("replayed the journal", { records: replayed });
    this.#seq = (segments[segments.length - 1] ?? 0) + 1;
    this.#replaying = false;
    if (segments.length > 0) {
      // Everything replayed must be on disk before the segments that hold it go.
      await this.#flushDirty(this.#takeDirty());
      for (const seq of segments) await unlink(this.#segment(seq));
    }
    if (this.#fsync) this.#openSegment();
  }

  /** How many times the segment was flushed (`fdatasync`): for tests and benchmarks. */
  get flushes(): number {
    return this.#flushes;
  }

  /** Whether commits wait for a flush (else `apply` runs at once). */
  get durable(): boolean {
    return this.#fsync;
  }

  /** Marks a file (or folder) written outside the journal's own flush: the next checkpoint flushes it. */
  markDirty(path: string): void {
    // Without fsync nothing is journaled, so nothing waits on a checkpoint to be flushed; but
    // what a replay writes is flushed before the segments that hold it are deleted.
    if (this.#fsync || this.#replaying) this.#dirty.add(path);
  }

  /**
   * Journals `header` and `body`, then runs `apply`; resolves once both are done (and the record
   * is on disk, with fsync). A failure of either closes the journal for writing: what reached
   * it is replayed at the next open. With fsync, `apply` waits for `ready` too (work the caller
   * started to overlap the flush).
   */
  commit(
    header: RecordHeader,
    body: string,
    apply: () => void,
    ready?: Promise<void>,
    durability: Durability = "now",
  ): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    // A run's records are applied in the order they came: behind a commit of the same run still
    // waiting for its flush, a "later" one waits too.
    if (
      durability === "later" &&
      this.#fsync &&
      this.#fd !== -1 &&
      !ready &&
      !this.#waiting.has(header.r)
    )
      return this.#commitLater(encodeRecord(header, body), apply);
    if (!this.#fsync) {
      try {
        apply();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(this.#break(error));
      }
    }
    if (this.#fd === -1) {
      // A journal used without open() (a stream store on its own) starts after what is there.
      try {
        mkdirSync(this.#dir, { recursive: true });
        this.#seq = Math.max(0, ...readdirSync(this.#dir).map((n) => parseInt(n, 10) || 0)) + 1;
        this.#openSegment();
      } catch (error) {
        return Promise.reject(this.#break(error));
      }
    }
    const run = header.r;
    this.#waiting.set(run, (this.#waiting.get(run) ?? 0) + 1);
    const done = () => {
      const left = this.#waiting.get(run)! - 1;
      if (left === 0) this.#waiting.delete(run);
      else this.#waiting.set(run, left);
    };
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({
        frame: encodeRecord(header, body),
        ready,
        apply,
        resolve: () => (done(), resolve()),
        reject: (error) => (done(), reject(error)),
      });
      this.#draining ??= this.#drain();
    });
  }

  /**
   * A commit that need not be durable yet: its record is written to the segment and applied at
   * once, and the next flush (of any commit, or the one `LATER_DURABILITY_MS` from now) makes
   * it durable with everything before it. Only without `ready`, so that its `apply` (and the
   * dirty file it marks) lands before a checkpoint can take the segment that holds it.
   */
  #commitLater(frame: Buffer, apply: () => void): Promise<void> {
    try {
      this.#reserve(frame.length);
      writeAll(this.#fd, frame, this.#size);
      this.#size += frame.length;
      apply();
    } catch (error) {
      return Promise.reject(this.#break(error));
    }
    this.#later.committed();
    return Promise.resolve();
  }

  /** A flush with no record of its own: makes the commits written "later" durable. */
  #sync(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ frame: EMPTY, ready: undefined, apply: () => {}, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  /** Resolves once every commit issued so far has settled. */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Closes the current segment and flushes everything written so far; deletes the segments. */
  async checkpoint(): Promise<void> {
    await this.flush();
    if (this.#fd !== -1) {
      await this.#roll();
    } else {
      const dirty = this.#takeDirty();
      this.#checkpoints = this.#checkpoints.then(() => this.#flushDirty(dirty));
    }
    await this.#checkpoints;
  }

  /** Flushes pending commits, checkpoints, and closes the segment (deleted: nothing to replay). */
  async close(): Promise<void> {
    this.#later.stop(); // the checkpoint below flushes what the "later" commits wrote
    await this.flush();
    if (this.#fd === -1) return;
    const fd = this.#fd;
    const seq = this.#seq;
    this.#fd = -1;
    const dirty = this.#takeDirty();
    await this.#checkpoints;
    await this.#growing;
    closeSync(fd);
    if (this.#broken) return; // keep the segment: the next open replays it
    await this.#flushDirty(dirty);
    await unlink(this.#segment(seq));
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const group = this.#pending.splice(0);
        if (this.#broken) {
          for (const commit of group) commit.reject(this.#broken);
          continue;
        }
        const buffer =
          group.length === 1 ? group[0]!.frame : Buffer.concat(group.map((p) => p.frame));
        try {
          if (buffer.length > 0) {
            this.#reserve(buffer.length);
            writeAll(this.#fd, buffer, this.#size);
            // Commits written "later" during the flush go after this group.
            this.#size += buffer.length;
          }
          const mark = this.#later.mark();
          await new Promise<void>((resolve, reject) =>
            fdatasync(this.#fd, (error) => (error ? reject(error) : resolve())),
          );
          this.#later.covered(mark);
          this.#flushes++;
        } catch (error) {
          const broken = this.#break(error);
          for (const commit of [...group, ...this.#pending.splice(0)]) commit.reject(broken);
          continue;
        }
        for (const commit of group) {
          try {
            if (commit.ready) await commit.ready;
            commit.apply();
            commit.resolve();
          } catch (error) {
            commit.reject(this.#break(error));
          }
        }
        if (this.#size >= this.#segmentBytes && !this.#broken) await this.#roll();
      }
    } finally {
      this.#draining = undefined;
    }
  }

  /** Starts a new segment; a checkpoint in the background deletes the old one once its files are flushed. */
  async #roll(): Promise<void> {
    const old = { fd: this.#fd, seq: this.#seq, growing: this.#growing };
    const dirty = this.#takeDirty();
    this.#seq++;
    this.#openSegment();
    this.#checkpoints = this.#checkpoints.then(async () => {
      await old.growing;
      closeSync(old.fd);
      await this.#flushDirty(dirty);
      await unlink(this.#segment(old.seq));
    });
    this.#checkpoints.catch((error: unknown) => this.#break(error));
  }

  /**
   * Makes sure the segment has zeros up to at least `#size + bytes`, a megabyte at a time,
   * flushed in the background. `fdatasync` after a write over blocks the file already has
   * flushes the data only; a write that grows the file also commits the file system's journal
   * (its new size), which costs about as much again. A replay stops at the zeros.
   */
  #reserve(bytes: number): void {
    if (this.#size + bytes + PREALLOCATE_BYTES / 2 <= this.#allocated) return;
    const grow = Math.max(PREALLOCATE_BYTES, this.#size + bytes - this.#allocated);
    writeAll(this.#fd, Buffer.alloc(grow), this.#allocated);
    this.#allocated += grow;
    // A record written meanwhile is flushed with the new size by its own fdatasync: this one
    // only takes the cost of the growth off the records after it. Its failure is theirs.
    const fd = this.#fd;
    this.#growing = this.#growing.then(
      () => new Promise<void>((resolve) => fdatasync(fd, () => resolve())),
    );
  }

  #openSegment(): void {
    this.#fd = openSync(this.#segment(this.#seq), "wx");
    this.#size = 0;
    this.#allocated = 0;
    this.#reserve(0);
    // The new segment's name must survive a power loss too.
    const dir = openSync(this.#dir, "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  #takeDirty(): Set<string> {
    const dirty = this.#dirty;
    this.#dirty = new Set();
    return dirty;
  }

  /**
   * Flushes the files, then the folders that hold them (new names are durable only then). Many
   * files at once (a checkpoint after thousands of runs) are flushed with one `syncfs` of the
   * directory's file system (`sync -f`, Linux) instead of one `fsync` each; where that is not
   * available, they are flushed a few at a time.
   */
  async #flushDirty(dirty: Set<string>): Promise<void> {
    if (dirty.size === 0) return;
    if (
      dirty.size >= SYNCFS_FILES &&
      process.platform === "linux" &&
      (await syncFileSystem(this.#dir))
    )
      return;
    const folders = new Set<string>();
    for (const path of dirty) folders.add(dirname(path));
    await mapWithLimit([...dirty], 8, syncPath);
    await mapWithLimit(
      [...folders].filter((folder) => !dirty.has(folder)),
      8,
      syncPath,
    );
  }

  #segment(seq: number): string {
    return join(this.#dir, `${String(seq).padStart(8, "0")}.wal`);
  }

  #break(error: unknown): Error {
    this.#broken ??= new Error(
      `The journal of ${dirname(this.#dir)} could not be written (${(error as Error)?.message ?? String(error)}); ` +
        "no more writes are taken. Restart the world: the journal is replayed at start.",
      { cause: error },
    );
    this.#debug?.("journal failed", { error });
    return this.#broken;
  }
}

/** From this many dirty files on, one `syncfs` is cheaper than an `fsync` each. */
const SYNCFS_FILES = 64;

/** `syncfs` of the file system holding `path`, through coreutils' `sync -f`; false if it failed. */
function syncFileSystem(path: string): Promise<boolean> {
  return new Promise((resolve) =>
    execFile("sync", ["-f", path], { timeout: 120_000 }, (error) => resolve(!error)),
  );
}

const EMPTY = Buffer.alloc(0);

/** A segment grows by this much zeros at a time (see `#reserve`). */
const PREALLOCATE_BYTES = 1024 * 1024;

function writeAll(fd: number, buffer: Buffer, position: number): void {
  for (let done = 0; done < buffer.length;)
    done += writeSync(fd, buffer, done, buffer.length - done, position + done);
}

/** fsync of a file or a folder; one that is gone (deleted since) needs none. */
async function syncPath(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
