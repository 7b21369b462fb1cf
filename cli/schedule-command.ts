/**
 * `wf schedule pause|resume <id>`: the way `wf cancel` reaches a world (write-commands.ts): the
 * app's control socket while it runs a file world, else the world itself.
 */
import { parseArgs } from "node:util";
import { CliError, WORLD_OPTIONS } from "./open-world.js";
import { carryOut, type WriteIo } from "./write-commands.js";

export const SCHEDULE_USAGE = `  wf schedule pause|resume <scheduleId>
      Pause a schedule (no tick starts a run) or resume it from its next tick; on the
      world the app uses (same flags as wf inspect). wf inspect schedules lists them.
`;

export async function scheduleCommand(argv: string[], io: WriteIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...WORLD_OPTIONS, json: { type: "boolean", default: false } },
    });
  } catch (error) {
    io.stderr(`wf schedule: ${(error as Error).message}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [action, id, ...rest] = positionals;
  try {
    if (action !== "pause" && action !== "resume")
      throw new CliError(
        `${action ? `unknown action "${action}"` : "which action?"}, expected pause or resume`,
      );
    if (!id || rest.length > 0) throw new CliError(`wf schedule ${action} takes one schedule ID`);
    const { reply, note } = await carryOut(values, io, { op: "schedule", action, id });
    if (!reply.ok) throw new CliError(`${reply.message} (${reply.code})`);
    if (!("schedule" in reply)) throw new Error("wf: a schedule change answered without it");
    if (values.json)
      io.stdout(`${JSON.stringify({ schedule: reply.schedule, ...(note ? { note } : {}) })}\n`);
    else {
      io.stdout(`${reply.schedule.id} ${reply.schedule.paused ? "paused" : "active"}\n`);
      if (note) io.stderr(`${note}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`wf schedule: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
