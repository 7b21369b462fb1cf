/**
 * What each kill of a chaos session interrupted, read from the runs' logs afterwards: a step
 * attempt running (and so writing its chunks), a sleep pending, a hook waiting for its payload,
 * or none of them (a worker starting, recovering, replaying, or between runs).
 */
import type { StoredEvent } from "../../runtime/worlds/index.js";

export interface KillMoments {
  inStep: number;
  inSleep: number;
  awaitingHook: number;
  /** None of the above in flight. */
  other: number;
}

/** Epoch-ms intervals, from a start event to the next event of the same entity. */
type Interval = [number, number];

export function classifyKills(killTimes: number[], logs: StoredEvent[][]): KillMoments {
  const steps: Interval[] = [];
  const sleeps: Interval[] = [];
  const hooks: Interval[] = [];
  for (const events of logs) {
    const open = new Map<string, { at: number; into: Interval[] }>();
    for (const event of events) {
      const id = event.correlationId;
      if (!id) continue;
      const started = open.get(id);
      if (started) started.into.push([started.at, event.createdAt]);
      open.delete(id);
      if (event.type === "step_started") open.set(id, { at: event.createdAt, into: steps });
      if (event.type === "wait_created") open.set(id, { at: event.createdAt, into: sleeps });
      if (event.type === "hook_created") open.set(id, { at: event.createdAt, into: hooks });
    }
  }
  const within = (intervals: Interval[], t: number) => intervals.some(([a, b]) => a <= t && t < b);
  const moments: KillMoments = { inStep: 0, inSleep: 0, awaitingHook: 0, other: 0 };
  for (const t of killTimes) {
    const step = within(steps, t);
    const sleep = within(sleeps, t);
    const hook = within(hooks, t);
    if (step) moments.inStep++;
    if (sleep) moments.inSleep++;
    if (hook) moments.awaitingHook++;
    if (!step && !sleep && !hook) moments.other++;
  }
  return moments;
}
