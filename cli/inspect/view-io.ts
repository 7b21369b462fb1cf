/** What every `wf inspect` view writes to, and the lookups they share. */
import type { RunState, World } from "../../runtime/worlds/index.js";
import { CliError } from "../open-world.js";

export interface ViewIo {
  stdout: (text: string) => void;
  json: boolean;
  /** `events`: the log as stored (`{ runId, events }`, data not decoded), for replayRun(). */
  raw?: boolean;
  /** Terminal width. */
  columns: number;
}

export const json = (io: ViewIo, value: unknown) =>
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);

/** The run, or a one-line error naming it. */
export async function requireRun(world: World, runId: string): Promise<RunState> {
  const run = await world.getRun(runId);
  if (!run) throw new CliError(`no run ${runId} in ${world.name}`);
  return run;
}
