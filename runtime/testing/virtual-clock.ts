import type { Clock } from "../engine/clock.js";
import { type Duration, resolveDuration } from "../workflow/duration.js";

/**
 * A clock that moves only when told: by `advance`, or by the test runtime jumping to the next
 * due timer once nothing else can happen. Time never goes back.
 */
export class VirtualClock implements Clock {
  #now: number;

  /** `start`: epoch ms. @default the real time now */
  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves to `time` (epoch ms) if it is later than now. */
  moveTo(time: number): void {
    if (time > this.#now) this.#now = time;
  }

  /** Moves forward by `duration` (`"1h"`, milliseconds); returns the new time. */
  advanceBy(duration: Duration): number {
    this.moveTo(resolveDuration(duration, this.#now, "advance"));
    return this.#now;
  }
}
