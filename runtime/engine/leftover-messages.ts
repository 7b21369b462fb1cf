/**
 * Once a run has ended, the messages still waiting for it are pointless: its deadline, the
 * wake-ups of sleeps it no longer waits on (a hook won the race), the retries of steps that will
 * not run. They are dropped, so that a queue holds what the runs in flight need, not a timer for
 * every finished run until it fires (a cancelled `sleep("30d")`, a `timeout: "1h"` run that took
 * a second). A message missed here is harmless: its handler finds the run ended.
 */
import type { RunState } from "../worlds/shared/state/types.js";
import { queueKeys, type World } from "../worlds/shared/world.js";

/** The keys of the messages `run` may still have waiting. */
export function leftoverKeys(run: RunState): string[] {
  const keys: string[] = [];
  if (run.timeoutMs !== undefined) keys.push(queueKeys.deadline(run.runId));
  for (const wait of run.waits.values())
    if (wait.status === "waiting") keys.push(queueKeys.wake(run.runId, wait.waitId));
  for (const step of run.steps.values())
    if (step.status === "pending" || step.status === "running")
      keys.push(queueKeys.step(run.runId, step.stepId));
  return keys;
}

/** Drops the messages a run that has just ended leaves waiting. */
export async function dropLeftoverMessages(world: World, runId: string): Promise<void> {
  const run = await world.getRun(runId);
  if (!run) return;
  await Promise.all(leftoverKeys(run).map((key) => world.queue.cancel(key)));
}
