/**
 * Where the engine reads the time (wake-ups, retry delays, step leases). Production uses the
 * system clock; `workflow/testing` passes a virtual one, so that a week of sleeps takes
 * milliseconds. Workflow code never reads it: the sandbox's clock is the time of the events.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() };
