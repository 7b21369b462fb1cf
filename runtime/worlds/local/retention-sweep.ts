/**
 * The background half of `retention`: now and then, delete the finished runs that finished
 * more than `retentionMs` ago, 1,000 at a time, until none is left. The timer is unref'd (it
 * keeps no process alive) and `stop()` clears it and waits for a sweep in progress.
 */
export class RetentionSweep {
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(
    retentionMs: number,
    prune: (options: { finishedBefore: number; limit: number }) => Promise<{ deleted: number }>,
    debug?: (message: string, details?: Record<string, unknown>) => void,
  ) {
    const sweep = () => {
      if (this.#running || this.#stopped) return;
      this.#running = (async () => {
        while (!this.#stopped) {
          const { deleted } = await prune({
            finishedBefore: Date.now() - retentionMs,
            limit: 1_000,
          });
          if (deleted < 1_000) break;
        }
      })()
        .catch((error: unknown) => debug?.("retention: prune failed", { error }))
        .finally(() => (this.#running = undefined));
    };
    // Often enough that a run outlives its retention by at most half of it (at most an hour).
    this.#timer = setInterval(sweep, Math.min(Math.max(retentionMs / 2, 100), 3_600_000));
    this.#timer.unref();
    sweep();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
  }
}
