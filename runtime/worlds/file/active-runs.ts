import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { isSafeId } from "../shared/check-event.js";

/**
 * The unfinished runs of a data directory, as `<dir>/active.log`: a line `+<runId>` when a run
 * is created, `-<runId>` when it finishes, appended through a descriptor kept open. What
 * start-up loads is the runs whose last line is a `+`. A line is a write into a file that
 * exists, not a file created and deleted per run: on a busy disk, a create or an unlink waits
 * for the file system's journal commit (an `fdatasync` of our own journal is one), which
 * stalled the event loop for a millisecond per run.
 *
 * Like the run logs, the lines are not flushed when written: the journal's records (`a`, `f`)
 * write them again at replay, and a checkpoint flushes the file. Once the dead lines outnumber
 * the live ones (past `COMPACT_LINES`), the file is rewritten with the live runs only (written
 * and flushed beside it, then renamed over it), so its size follows the unfinished runs.
 *
 * Directories written before this file existed have an empty file per run in `active/`; they
 * are read too, and moved into the log by the writer.
 */
export class ActiveRuns {
  readonly path: string;
  readonly #dir: string;
  readonly #legacyDir: string;
  #fd = -1;
  #ids = new Set<string>();
  #lines = 0;

  constructor(dir: string) {
    this.#dir = dir;
    this.path = join(dir, "active.log");
    this.#legacyDir = join(dir, "active");
  }

  /** Reads the file (and `active/`); the writer then compacts it and keeps it open. */
  open(readOnly: boolean): void {
    const { ids, lines, torn } = this.#read();
    this.#ids = ids;
    this.#lines = lines;
    if (readOnly) return;
    const legacy = this.#legacyIds();
    for (const id of legacy) this.#ids.add(id);
    if (legacy.length === 0 && !torn && this.#lines === this.#ids.size) {
      // Nothing to rewrite (a line cut short would be, or the next line would join it). A file created here is flushed with its folder at a checkpoint.
      this.#fd = openSync(this.path, "a");
    } else {
      this.#compact();
      for (const id of legacy) unlinkSync(join(this.#legacyDir, id));
    }
    rmdirQuiet(this.#legacyDir);
  }

  /** The unfinished runs: the writer's set, or (read-only) what the file says now. */
  list(): string[] {
    if (this.#fd !== -1) return [...this.#ids];
    const ids = this.#read().ids;
    for (const id of this.#legacyIds()) ids.add(id);
    return [...ids];
  }

  add(runId: string): void {
    this.#ids.add(runId);
    this.#write(`+${runId}\n`);
  }

  delete(runId: string): void {
    if (!this.#ids.delete(runId)) return;
    this.#write(`-${runId}\n`);
    if (this.#lines > COMPACT_LINES && this.#lines > 4 * this.#ids.size) this.#compact();
  }

  close(): void {
    if (this.#fd === -1) return;
    closeSync(this.#fd);
    this.#fd = -1;
  }

  #write(line: string): void {
    if (this.#fd === -1) throw new Error(`${this.path} is not open for writing`);
    writeSync(this.#fd, line);
    this.#lines++;
  }

  /** Rewrites the file with the live runs, flushed before it replaces the old one. */
  #compact(): void {
    this.close();
    const temp = `${this.path}.tmp`;
    const fd = openSync(temp, "w");
    try {
      const text = [...this.#ids].map((id) => `+${id}\n`).join("");
      if (text.length > 0) writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    const dir = openSync(this.#dir, "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.#lines = this.#ids.size;
    this.#fd = openSync(this.path, "a");
  }

  #read(): { ids: Set<string>; lines: number; torn: boolean } {
    const ids = new Set<string>();
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return { ids, lines: 0, torn: false };
    }
    // A line without its newline is being written (or was cut short by a crash): skipped.
    const lines = text.split("\n");
    const torn = lines.pop() !== "";
    for (const line of lines) {
      const id = line.slice(1);
      if (!isSafeId(id)) continue;
      if (line[0] === "+") ids.add(id);
      else if (line[0] === "-") ids.delete(id);
    }
    return { ids, lines: lines.length, torn };
  }

  #legacyIds(): string[] {
    try {
      return readdirSync(this.#legacyDir).filter((id) => isSafeId(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }
}

/** Past this many lines, a file with 4 times more lines than live runs is rewritten. */
const COMPACT_LINES = 10_000;

function rmdirQuiet(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // gone, or not empty (a file that is not a run ID): left as it is
  }
}
