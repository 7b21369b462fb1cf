/**
 * A run's state from its stored log, for the in-process worlds: the log folded event by event
 * with the rules of `applyEvent`, and a log that cannot be read set aside.
 */
import type { StoredEvent } from "../shared/events.js";
import { applyEvent } from "../shared/state/apply.js";
import type { RunState } from "../shared/state/types.js";
import type { LogStorage } from "./log-storage.js";
import { quarantinedError } from "./run-page.js";

export interface ReadRunOptions {
  /** A read-only opener sets nothing aside: the writer does. */
  readOnly: boolean;
  debug?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
}

/**
 * The run's state (null when it has no log). A log that is corrupt, or whose events the rules
 * refuse, is set aside by the storage when it can (reported once), and the call throws
 * RUN_QUARANTINED; a storage that cannot set logs aside throws the error itself, and so does an
 * I/O error (the log may be fine).
 */
export async function readRun(
  storage: LogStorage,
  runId: string,
  options: ReadRunOptions,
): Promise<RunState | null> {
  const quarantined = await storage.quarantined?.(runId);
  if (quarantined) throw quarantinedError(quarantined);
  let events: StoredEvent[] | null;
  try {
    events = await storage.load(runId);
    return events ? foldLog(storage, runId, events) : null;
  } catch (error) {
    const isIoError = typeof (error as NodeJS.ErrnoException).syscall === "string";
    if (isIoError || !storage.quarantine || options.readOnly) throw error;
    const reason = (error as Error).message;
    await storage.quarantine(runId, reason);
    if (options.debug) options.debug("run set aside", { runId, reason });
    else console.error(`[workflow] run ${runId} was set aside (quarantine): ${reason}`);
    throw quarantinedError({ runId, reason, quarantinedAt: Date.now() });
  }
}

/** A stored log's state; an event the rules refuse is corruption, reported with its place. */
export function foldLog(
  storage: LogStorage,
  runId: string,
  events: readonly StoredEvent[],
): RunState | null {
  let state: RunState | null = null;
  for (const event of events) {
    try {
      state = applyEvent(state, event);
    } catch (error) {
      throw new Error(
        `${storage.describe(runId)} is invalid at event ${event.index} (${event.type}): ${(error as Error).message}. ` +
          "Move the log away to start without this run, or restore it from a backup.",
        { cause: error },
      );
    }
  }
  return state;
}
