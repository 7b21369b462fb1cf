/**
 * The `retention` option's background work: every so often, delete the runs that ended longer
 * ago than the retention, a batch at a time, until none are left. Each tick is skipped when
 * another worker on the database is already at it (see `onlyOneWorker`).
 */
import { DEFAULT_PRUNE_LIMIT } from "./prune.js";

/** Deletes one batch of runs that ended before `finishedBefore`; null when another worker is at it. */
export type PruneBatch = (finishedBefore: number, limit: number) => Promise<number | null>;

export interface RetentionTimer {
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/** Batches per tick at most, so that one tick cannot run unbounded. */
const MAX_BATCHES_PER_TICK = 100;

/** How often to look: a fraction of the retention, between a second and ten minutes. */
export function retentionIntervalMs(retentionMs: number): number {
  return Math.min(600_000, Math.max(1_000, retentionMs / 4));
}

/** Runs `prune` now and then every interval; a failing tick is tried again at the next one. */
export function startRetentionTimer(
  retentionMs: number,
  prune: PruneBatch,
  onError: (error: unknown) => void,
): RetentionTimer {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const cut = Date.now() - retentionMs;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK && !stopped; batch++) {
      const deleted = await prune(cut, DEFAULT_PRUNE_LIMIT);
      if (deleted === null || deleted < DEFAULT_PRUNE_LIMIT) return;
    }
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      running = tick()
        .catch(onError)
        .finally(() => {
          if (!stopped) schedule(retentionIntervalMs(retentionMs));
        });
    }, delay);
    timer.unref();
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
