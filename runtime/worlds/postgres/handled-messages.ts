/**
 * Queue messages whose handlers returned, waiting to be deleted: with the next message the
 * process stores (one statement for many, postgres-queue.ts), or after `delayMs` on their own.
 * Until then each is still leased to this process, so no other takes it; if the process dies
 * first, the lease runs out and the message is delivered again (at-least-once).
 */
export class HandledMessages {
  #ids: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #delete: (ids: string[]) => Promise<void>;
  readonly #delayMs: number;

  /** `remove` deletes the rows (and never throws); `delayMs` must be well inside the lease. */
  constructor(remove: (ids: string[]) => Promise<void>, delayMs: number) {
    this.#delete = remove;
    this.#delayMs = delayMs;
  }

  add(id: string): void {
    this.#ids.push(id);
    this.#timer ??= setTimeout(() => void this.deleteNow(), this.#delayMs);
  }

  /** The IDs waiting; the caller deletes them, or gives them back with `add`. */
  take(): string[] {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#ids.splice(0);
  }

  async deleteNow(): Promise<void> {
    const ids = this.take();
    if (ids.length > 0) await this.#delete(ids);
  }
}
