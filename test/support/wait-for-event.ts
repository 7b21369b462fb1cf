import type { Runtime } from "../../runtime/engine/runtime.js";
import { TERMINAL_RUN_EVENTS, type StoredEvent } from "../../runtime/worlds/shared/events.js";

/**
 * The first event of `runId` that `match` accepts, already stored or still to come. Rejects when
 * the run ends without one (with the run's last event data), or after `timeoutMs`.
 */
export function waitForEvent(
  runtime: Runtime,
  runId: string,
  match: (event: StoredEvent) => boolean,
  timeoutMs = 10_000,
): Promise<StoredEvent> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (event?: StoredEvent, error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      if (event) resolve(event);
      else reject(error);
    };
    const timer = setTimeout(
      () => finish(undefined, new Error(`Timed out waiting for an event of run ${runId}`)),
      timeoutMs,
    );
    const check = (event: StoredEvent) => {
      if (match(event)) finish(event);
      else if (TERMINAL_RUN_EVENTS.has(event.type))
        finish(undefined, new Error(`Run ${runId} ended first: ${JSON.stringify(event.data)}`));
    };
    const unsubscribe = runtime.subscribe((event) => {
      if (event.runId === runId) check(event);
    });
    void runtime.world.readEvents(runId).then((events) => events.forEach(check), reject);
  });
}
