/**
 * Commits that may become durable later (World's "Durability", `durability: "later"`): their
 * transaction sets `synchronous_commit` off (`SET LOCAL`, or `set_config(..., true)` inside a
 * one-statement transaction), so the server acknowledges them before their WAL is flushed.
 * Postgres flushes WAL in order, so the next synchronous commit of any connection (which flushes
 * up to its own commit record) makes every commit acknowledged before it began durable too.
 *
 * Without one, the server's WAL writer flushes them within 3 x `wal_writer_delay` (200 ms by
 * default, a server setting this world does not change). To keep the contract's bound,
 * `LATER_DURABILITY_MS`, this process flushes itself when none of its own synchronous commits
 * began within that time after a "later" one: one statement that writes a WAL record and commits
 * synchronously (`setval` of a sequence of the schema, which takes a transaction ID). In a busy
 * process a step's start (synchronous) comes first, and no flush is sent.
 */
import { LATER_DURABILITY_MS } from "../shared/world.js";

/**
 * A select-list item that, when the boolean parameter `param` is true, makes the statement's
 * transaction commit with `synchronous_commit` off (the setting reverts when it ends).
 */
export const laterCommit = (param: string) =>
  `CASE WHEN ${param}::boolean THEN set_config('synchronous_commit', 'off', true) END AS later`;

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

  /** `flush` sends one synchronous commit that writes WAL (and rejects if it failed). */
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
      // Unreachable server: try again in a while (what a crash lost is lost; see loss-epoch.ts).
      this.flushNow().catch(() => this.#arm(RETRY_MS));
    }, delayMs);
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
