import { TERMINAL_RUN_EVENTS } from "../worlds/shared/events.js";
import type { TestWorld } from "./test-world.js";

/**
 * Resolves once run `runId` has ended and what that set off has settled (undefined), or with why
 * it has not ended: nothing else can happen, or it went past `maxEvents`.
 */
export function settleRun(
  world: TestWorld,
  runId: string,
  maxEvents: number,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let ended = false;
    const stops: Array<() => void> = [];
    const done = (why: string | undefined) => {
      for (const stop of stops) stop();
      resolve(why);
    };
    stops.push(
      world.onStored((event) => {
        if (event.runId !== runId) return;
        if (TERMINAL_RUN_EVENTS.has(event.type)) ended = true;
        else if (event.index >= maxEvents)
          done(`still running after ${maxEvents} events (options.maxEvents)`);
      }),
    );
    // Idle: every message delivered and every timer fired (a crash's recovery included).
    stops.push(world.queue.onIdle(() => done(ended ? undefined : "nothing else can happen")));
  });
}
