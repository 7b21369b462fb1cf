import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { compareNewestFirst, isAfterCursor } from "../shared/run-cursor.js";
import type { RunSummary } from "../shared/state/types.js";
import type { FinishedQuery } from "../local/log-storage.js";

/** Where the index starts (`head`): runs before `offset` in `finished-<gen>.jsonl` were pruned. */
interface Head {
  gen: number;
  offset: number;
}

/** The pruned bytes at the front of the index worth a compaction. */
const COMPACT_BYTES = 8 * 1024 * 1024;

/** Bytes read at once when scanning the index. */
const BLOCK = 64 * 1024;

/**
 * The index of finished runs: `<dir>/index/finished-<gen>.jsonl`, one line per run that finished,
 * appended when its last batch is applied: `{"t":<ms>,"s":<its RunSummary>}`. `t` never
 * decreases down the file and is at least the run's `updatedAt`, so every line before one with
 * `t` holds runs created no later than `t`: listing newest first reads the file backwards and
 * stops as soon as older lines cannot enter the page. `<dir>/index/head` holds the generation
 * and the byte offset before which every run was pruned (prune deletes in the order runs
 * finished, from the front); once that part is large, the rest is copied to the next generation.
 * A run may appear twice (a replayed journal record); the last line wins.
 */
export class RunIndex {
  readonly #dir: string;
  readonly #headPath: string;
  readonly #readOnly: boolean;
  #lastT = 0;
  #head: Head = { gen: 0, offset: 0 };

  constructor(dir: string, readOnly: boolean) {
    this.#dir = join(dir, "index");
    this.#headPath = join(this.#dir, "head");
    this.#readOnly = readOnly;
  }

  /** The index file in use (its name changes when it is compacted). */
  get path(): string {
    return this.#file(this.#head.gen);
  }

  /**
   * Reads the head, and the last `t`; a writer cuts off a line a crash left without its newline,
   * deletes index files of other generations (a compaction a crash interrupted), and compacts.
   */
  async open(): Promise<void> {
    this.#head = await this.#readHead();
    if (!this.#readOnly) {
      for (const name of readdirSync(this.#dir))
        if (/^finished-\d+\.jsonl$/.test(name) && join(this.#dir, name) !== this.path)
          unlinkSync(join(this.#dir, name));
      this.#compactIfWorth(0);
    }
    if (!existsSync(this.path)) return;
    const fd = openSync(this.path, this.#readOnly ? "r" : "r+");
    try {
      const size = fstatSync(fd).size;
      const start = Math.max(0, size - BLOCK);
      const buffer = Buffer.allocUnsafe(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      const end = buffer.lastIndexOf(10) + 1;
      if (!this.#readOnly && start + end < size) ftruncateSync(fd, start + end);
      const lines = buffer.toString("utf8", 0, end).split("\n");
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = parseLine(lines[i]!);
        if (line) {
          this.#lastT = line.t;
          break;
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Appends the line of a finished run (its summary as JSON). */
  append(summaryJson: string, updatedAt: number): void {
    const t = Math.max(this.#lastT, Date.now(), updatedAt);
    this.#lastT = t;
    const fd = openSync(this.path, "a");
    try {
      const buffer = Buffer.from(`{"t":${t},"s":${summaryJson}}\n`);
      for (let done = 0; done < buffer.length;)
        done += writeSync(fd, buffer, done, buffer.length - done);
    } finally {
      closeSync(fd);
    }
  }

  /** Finished runs matching `query`, newest first, after its cursor: at most `want`. */
  async listNewest(query: FinishedQuery): Promise<RunSummary[]> {
    const head = this.#readOnly ? await this.#readHead() : this.#head;
    const path = this.#file(head.gen);
    const seen = new Set<string>();
    const found: RunSummary[] = [];
    for await (const { lines } of this.#backwards(path, head.offset)) {
      let earliest = Infinity;
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = parseLine(lines[i]!);
        if (!line) continue;
        earliest = line.t;
        const run = line.s;
        if (seen.has(run.runId)) continue;
        seen.add(run.runId);
        if (
          (query.status === undefined || run.status === query.status) &&
          (query.workflowName === undefined || run.workflowName === query.workflowName) &&
          (query.cursor === undefined || isAfterCursor(run, query.cursor))
        )
          found.push(run);
      }
      if (found.length >= query.want) {
        found.sort(compareNewestFirst);
        found.length = query.want;
        // Lines before these have t <= earliest, so runs created no later: none can enter.
        if (earliest < found[found.length - 1]!.createdAt) break;
      }
    }
    return found.sort(compareNewestFirst).slice(0, query.want);
  }

  /** Lines from the head on, oldest first, with the offset just past each. */
  async *forwards(): AsyncGenerator<{ run: RunSummary; end: number }> {
    let handle;
    try {
      handle = await open(this.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    try {
      let pos = this.#head.offset;
      let carry = Buffer.alloc(0);
      for (;;) {
        const buffer = Buffer.allocUnsafe(BLOCK);
        const { bytesRead } = await handle.read(buffer, 0, BLOCK, pos + carry.length);
        if (bytesRead === 0) return;
        const data = Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
        let start = 0;
        for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, start)) {
          const line = parseLine(data.toString("utf8", start, nl));
          start = nl + 1;
          if (line) yield { run: line.s, end: pos + start };
        }
        carry = data.subarray(start);
        pos += start;
      }
    } finally {
      await handle.close();
    }
  }

  /** Every run before `offset` is pruned: moves the head there (durably), and compacts. */
  async setHead(offset: number): Promise<void> {
    this.#writeHead({ gen: this.#head.gen, offset });
    this.#compactIfWorth(COMPACT_BYTES);
  }

  /**
   * When the pruned part is past `minBytes` and at least half the file, copies the rest into
   * the next generation's file and points the head at it. Synchronous, so that no line is
   * appended meanwhile; a crash before the head moves leaves the old file in use.
   */
  #compactIfWorth(minBytes: number): void {
    const { gen, offset } = this.#head;
    if (offset === 0 || offset < minBytes) return;
    let size = 0;
    try {
      size = statSync(this.path).size;
    } catch {
      // no file: nothing to copy
    }
    if (offset * 2 < size) return;
    const rest = Buffer.allocUnsafe(Math.max(0, size - offset));
    if (rest.length > 0) {
      const fd = openSync(this.path, "r");
      try {
        readSync(fd, rest, 0, rest.length, offset);
      } finally {
        closeSync(fd);
      }
    }
    const old = this.path;
    writeFileSync(this.#file(gen + 1), rest, { flush: true });
    this.#writeHead({ gen: gen + 1, offset: 0 });
    try {
      unlinkSync(old);
    } catch {
      // already gone
    }
  }

  #writeHead(head: Head): void {
    const temp = `${this.#headPath}.tmp`;
    writeFileSync(temp, JSON.stringify(head) + "\n", { flush: true });
    renameSync(temp, this.#headPath);
    const dir = openSync(this.#dir, "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.#head = head;
  }

  #file(gen: number): string {
    return join(this.#dir, `finished-${gen}.jsonl`);
  }

  async #readHead(): Promise<Head> {
    try {
      const head = JSON.parse(await readFile(this.#headPath, "utf8")) as Partial<Head>;
      if (Number.isSafeInteger(head.gen) && Number.isSafeInteger(head.offset)) return head as Head;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !(error instanceof SyntaxError))
        throw error;
    }
    return { gen: 0, offset: 0 };
  }

  /** Blocks of complete lines from the end of the file back to `head`. */
  async *#backwards(path: string, head: number): AsyncGenerator<{ lines: string[] }> {
    let handle;
    try {
      handle = await open(path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    try {
      let end = (await handle.stat()).size;
      let carry = Buffer.alloc(0);
      let first = true;
      while (end > head) {
        const start = Math.max(head, end - BLOCK);
        const buffer = Buffer.allocUnsafe(end - start);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        let data = Buffer.concat([buffer.subarray(0, bytesRead), carry]);
        if (first) {
          // A line being written right now (a reader beside the writer) is left for next time.
          data = data.subarray(0, data.lastIndexOf(10) + 1);
          first = false;
        }
        const cut = start > head ? data.indexOf(10) + 1 : 0;
        if (start > head && cut === 0) {
          carry = data;
        } else {
          carry = data.subarray(0, cut);
          yield { lines: data.toString("utf8", cut).split("\n") };
        }
        end = start;
      }
    } finally {
      await handle.close();
    }
  }
}

function parseLine(text: string): { t: number; s: RunSummary } | undefined {
  if (text.length === 0) return undefined;
  try {
    const line = JSON.parse(text) as { t?: unknown; s?: RunSummary };
    return typeof line.t === "number" && typeof line.s?.runId === "string"
      ? (line as { t: number; s: RunSummary })
      : undefined;
  } catch {
    return undefined; // a line damaged by a power loss; the journal wrote it again after it
  }
}
