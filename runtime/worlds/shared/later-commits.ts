/**
 * The bookkeeping of commits acknowledged before they are durable (World's "Durability",
 * `durability: "later"`), for a store whose durable commits flush everything before them in order
 * (a write-ahead log): it counts the "later" commits, learns which ones a durable commit
 * covered, and flushes itself when none covered them within `LATER_DURABILITY_MS`. Used by the
 * file world's journal and by the Postgres world.
 */
import { LATER_DURABILITY_MS } from "./world.js";

/** How soon a flush that failed (the server unreachable) is tried again. */
const RETRY_MS = 1_000;

export class LaterCommits {
  /** "Later" commits acknowledged so far. */
  #later = 0;
  /** How many of them a synchronous commit is known to cover. */
  #durable = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> | undefined;
  #stopped = false;
  readonly #flush: () => Promise<void>;
  readonly #delayMs: number;

  /**
   * `flush` makes every commit acknowledged before it began durable (Postgres: one synchronous
   * commit that writes WAL; the journal: an `fdatasync` of its segment), and rejects if it failed.
   */
  constructor(flush: () => Promise<void>, delayMs = LATER_DURABILITY_MS) {
    this.#flush = flush;
    this.#delayMs = delayMs;
  }

  /** Whether every "later" commit acknowledged so far is known to be durable. */
  get settled(): boolean {
    return this.#durable >= this.#later;
  }

  /** Call as a synchronous commit begins; hand the mark to `covered` once it committed. */
  mark(): number {
    return this.#later;
  }

  /** A synchronous commit that began at `mark` committed: what came before it is durable. */
  covered(mark: number): void {
    if (mark > this.#durable) this.#durable = mark;
    if (this.settled && this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** A commit with `synchronous_commit` off was acknowledged. */
  committed(): void {
    this.#later++;
    this.#arm(this.#delayMs);
  }

  #arm(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      // The store unreachable: try again in a while (Postgres: what a crash lost is lost; see
      // postgres/connection-loss.ts).
      this.flushNow().catch(() => this.#arm(RETRY_MS));
    }, delayMs);
    // A pending flush does not keep a process alive: `close` flushes what is left.
    this.#timer.unref?.();
  }

  /** Makes the "later" commits acknowledged so far durable (nothing to do when settled). */
  async flushNow(): Promise<void> {
    // Not the ones acknowledged while it flushes: they have a timer of their own.
    const target = this.#later;
    while (this.#durable < target) {
      if (this.#flushing) {
        await this.#flushing;
        continue;
      }
      const mark = this.mark();
      this.#flushing = this.#flush().then(() => this.covered(mark));
      try {
        await this.#flushing;
      } finally {
        this.#flushing = undefined;
      }
    }
  }

  /** Stops the timer for good; call `flushNow` first to leave nothing behind. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
