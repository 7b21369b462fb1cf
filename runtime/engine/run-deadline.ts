/**
 * A run's deadline (`start(..., { timeout })`, kept as `timeoutMs` in `run_created`): past
 * `createdAt + timeoutMs` the run is failed with RunTimeoutError (code RUN_TIMEOUT), and its
 * pending steps, sleeps and hooks end as for a cancelled run (a step still running sees its
 * signal abort at its next lease renewal).
 *
 * Nothing lives in memory only: a workflow message is queued for the deadline (delayed, on the
 * engine's clock) the first time a process handles the run, so also again after a restart
 * (recovery enqueues every unfinished run); the key dedupes it against one still waiting.
 */
import { RunTimeoutError, toStoredError } from "../errors/index.js";
import type { RunState } from "../worlds/shared/state/types.js";
import { WorldError } from "../worlds/shared/world-error.js";
import type { EngineContext } from "./context.js";
import { queueKeys } from "../worlds/shared/world.js";

const REARM_WITHIN_MS = 1000;

/** The run's deadline (epoch ms on the world's clock), if it has a timeout. */
export function runDeadlineOf(run: RunState): number | undefined {
  return run.timeoutMs === undefined ? undefined : run.createdAt + run.timeoutMs;
}

/**
 * Fails `run` if it is past its deadline (true: the handler has nothing left to do); else, when
 * this process has not handled the run yet (`arm`), queues the message that comes back at the
 * deadline.
 */
export async function enforceRunDeadline(
  ctx: EngineContext,
  run: RunState,
  arm: boolean,
): Promise<boolean> {
  const deadline = runDeadlineOf(run);
  if (deadline === undefined) return false;
  const now = ctx.clock.now();
  if (deadline > now) {
    // Armed again close to the deadline too: a timer may fire a millisecond early by the wall
    // clock, and the message it delivered must not be the last one.
    if (arm || deadline - now <= REARM_WITHIN_MS)
      await ctx.world.queue.enqueue(
        { kind: "workflow", runId: run.runId },
        { key: queueKeys.deadline(run.runId), delayMs: deadline - now },
      );
    return false;
  }
  const { stack: _engineStack, ...error } = toStoredError(
    new RunTimeoutError(run.runId, run.timeoutMs!),
    "RUN_TIMEOUT",
  );
  try {
    await ctx.append(run.runId, [{ type: "run_failed", data: { error } }]);
  } catch (e) {
    if (!WorldError.is(e, "RUN_TERMINAL")) throw e;
  }
  return true;
}
