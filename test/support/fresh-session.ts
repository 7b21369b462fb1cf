/**
 * A workflow session made as a process that has never seen the run makes one: no sticky
 * cache, no I/O, only the run's stored state and the bundle. Tests feed it a run's log to
 * check that a replay from scratch reaches the outcome the live run reached.
 */
import type { BundleSource } from "../../runtime/engine/context.js";
import { WorkflowSession } from "../../runtime/engine/session.js";
import { TERMINAL_RUN_EVENTS, type StoredEvent } from "../../runtime/worlds/shared/events.js";
import type { World } from "../../runtime/worlds/shared/world.js";

export async function createFreshSession(
  world: World,
  bundles: BundleSource,
  runId: string,
  url = "http://localhost:4321",
): Promise<WorkflowSession> {
  const run = await world.getRun(runId);
  if (!run) throw new Error(`no run ${runId}`);
  return new WorkflowSession({
    runId,
    workflowName: run.workflowName,
    seed: run.seed,
    input: run.input,
    createdAt: run.createdAt,
    bundle: await bundles.getWorkflowBundle(run.workflowName),
    url,
  });
}

/** The log up to its terminal event: steps the workflow no longer awaited may end after it. */
export function beforeRunEnd(log: StoredEvent[]): StoredEvent[] {
  const end = log.findIndex((event) => TERMINAL_RUN_EVENTS.has(event.type));
  return end < 0 ? log : log.slice(0, end);
}
