/**
 * Event logs as the time-travel slider asks for them: the same run's log once per position.
 * A run that has ended has a log that no longer changes, so the last few are kept; a running
 * run's log is read again each time.
 */
import { type StoredEvent, TERMINAL_RUN_EVENTS, type World } from "../../runtime/worlds/index.js";

const KEPT = 20;

export type ReadLog = (runId: string) => Promise<StoredEvent[]>;

export function createRunLogs(world: World): ReadLog {
  const ended = new Map<string, StoredEvent[]>();
  return async (runId) => {
    const kept = ended.get(runId);
    if (kept) {
      // Most recently used last, so the oldest goes first.
      ended.delete(runId);
      ended.set(runId, kept);
      return kept;
    }
    const events = await world.readEvents(runId);
    const last = events.at(-1);
    if (last && TERMINAL_RUN_EVENTS.has(last.type)) {
      ended.set(runId, events);
      if (ended.size > KEPT) ended.delete(ended.keys().next().value!);
    }
    return events;
  };
}
