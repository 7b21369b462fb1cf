import type { BundleSource } from "../engine/context.js";
import { callSiteFrame, checkReplay, type ReplayReport } from "../engine/replay-check.js";
import type { StoredEvent } from "../worlds/shared/events.js";
import { foldEvents } from "../worlds/shared/state/apply.js";
import type { World } from "../worlds/shared/world.js";

/** A run as exported for replay tests: its raw event log (as stored, data not decoded). */
export interface RunExport {
  runId: string;
  events: StoredEvent[];
}

/** What `replayRun` found: `checkReplay`'s report, plus the code frame of a diverging call. */
export type ReplayRunReport = ReplayReport & {
  /** The source around the call where the code parts ways with the log (when there is one). */
  frame?: string;
};

/** The run's raw log, to save as a fixture for `replayRun` (`wf inspect events --raw` prints the same). */
export async function exportRun(world: World, runId: string): Promise<RunExport> {
  return { runId, events: await world.readEvents(runId) };
}

/**
 * Replays a recorded log against the workflow code of now (`bundles`), writing nothing and
 * running no step: `deterministic`, or the first event where the code does something else.
 * `workflowName`, when given, is the workflow to replay (a renamed one); else the log's.
 */
export async function replayRunWith(
  bundles: BundleSource,
  input: RunExport | StoredEvent[],
  workflowName?: string,
): Promise<ReplayRunReport> {
  const events = Array.isArray(input) ? input : input?.events;
  if (!Array.isArray(events) || events.length === 0 || events[0]?.type !== "run_created")
    throw Object.assign(
      new TypeError(
        "replayRun: expected a run's raw event log starting with run_created (exportRun(world, runId), " +
          "or `wf inspect events <runId> --raw`), not the decoded --json form",
      ),
      { code: "REPLAY_INPUT_INVALID" },
    );
  const run = foldEvents(events);
  if (!run) throw new TypeError("replayRun: the log holds no run");
  const replayed = workflowName ? { ...run, workflowName } : run;
  const bundle = await bundles.getWorkflowBundle(replayed.workflowName);
  const report = await checkReplay({ run: replayed, events, bundle });
  if (report.deterministic || !report.callSite) return report;
  const frame = await callSiteFrame(report.callSite);
  return frame ? { ...report, frame } : report;
}
