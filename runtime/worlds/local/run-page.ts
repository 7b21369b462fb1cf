import {
  compareNewestFirst,
  encodeCursor,
  isAfterCursor,
  type RunCursor,
} from "../shared/run-cursor.js";
import { type RunState, type RunSummary, TERMINAL_RUN_STATUSES } from "../shared/state/types.js";
import type { QuarantinedRun, RunFilter, RunPage } from "../shared/world.js";
import { WorldError } from "../shared/world-error.js";
import type { LogStorage } from "./log-storage.js";

/**
 * A page of `listRuns`: the runs in memory (current: the unfinished ones, and finished ones
 * whose index line may not be written yet) merged with the finished runs the storage pages from
 * its index, each run once, newest first.
 */
export async function listRunPage(
  inMemory: Iterable<RunState>,
  storage: LogStorage,
  filter: RunFilter,
  limit: number,
  cursor: RunCursor | undefined,
): Promise<RunPage> {
  const { status, workflowName } = filter;
  const byId = new Map<string, RunSummary>();
  for (const run of inMemory) {
    if (
      (status === undefined || run.status === status) &&
      (workflowName === undefined || run.workflowName === workflowName) &&
      (cursor === undefined || isAfterCursor(run, cursor))
    )
      byId.set(run.runId, toSummary(run));
  }
  // Finished runs are all in the storage's index; a status no finished run has needs none.
  const stored =
    status !== undefined && !TERMINAL_RUN_STATUSES.has(status)
      ? []
      : await storage.listFinished({ status, workflowName, cursor, want: limit + 1 });
  for (const run of stored) if (!byId.has(run.runId)) byId.set(run.runId, run);
  const runs = [...byId.values()].sort(compareNewestFirst);
  const page = runs.slice(0, limit);
  return { runs: page, next: runs.length > limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** The error of a call on a run set aside. */
export function quarantinedError(run: QuarantinedRun): WorldError {
  return new WorldError(
    "RUN_QUARANTINED",
    `Run ${run.runId} was set aside because its stored log could not be read: ${run.reason}. ` +
      "The file is in the data directory's quarantine/ folder; restore it from a backup, or " +
      "delete it with its .reason.json file to forget the run.",
  );
}

/** What `listRuns` shows of a run. */
export function toSummary(run: RunState): RunSummary {
  const {
    steps: _steps,
    waits: _waits,
    hooks: _hooks,
    input: _input,
    output: _output,
    seed: _seed,
    ...summary
  } = run;
  return summary;
}
