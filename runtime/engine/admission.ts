/**
 * The workflow handler's check that a run may start: a run created with a concurrency limit
 * starts only once the world has admitted it to a slot (`run_admitted`). A message for a run
 * still in line is dropped: the world enqueues the run again when it admits it (and start-up
 * recovery enqueues every unfinished run), so nothing waits on this message.
 */
import { waitsForSlot } from "../worlds/shared/concurrency.js";
import type { RunState } from "../worlds/shared/state/types.js";

/** Whether the handler must leave the run alone for now: it waits for a slot. */
export function isWaitingForSlot(run: RunState): boolean {
  return run.status === "pending" && waitsForSlot(run);
}
