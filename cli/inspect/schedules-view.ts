/** `wf inspect schedules`: the world's schedules, where their ticks stand, and their last run. */
import { shortNameOf } from "../../protocol/ids.js";
import type { ScheduleState, World } from "../../runtime/worlds/index.js";
import { CliError } from "../open-world.js";
import { type Column, renderTable } from "./table.js";
import { formatTime } from "./time.js";
import type { ViewIo } from "./view-io.js";

export async function showSchedules(world: World, io: ViewIo): Promise<void> {
  if (!world.schedules) throw new CliError(`${world.name} keeps no schedules`);
  const schedules = (await world.schedules.list()).sort((a, b) => a.id.localeCompare(b.id));
  if (io.json) {
    io.stdout(`${JSON.stringify({ schedules }, null, 2)}\n`);
    return;
  }
  if (schedules.length === 0) {
    io.stdout("No schedules.\n");
    return;
  }
  const columns: Column<ScheduleState>[] = [
    { header: "ID", cell: (s) => s.id, max: 40, shrink: { min: 12 } },
    { header: "WORKFLOW", cell: (s) => shortNameOf(s.workflowName), keep: 4, shrink: { min: 8 } },
    { header: "CRON", cell: (s) => s.cron, keep: 5 },
    { header: "TZ", cell: (s) => s.timezone, keep: 2 },
    { header: "STATE", cell: (s) => (s.paused ? "paused" : "active"), keep: 5 },
    { header: "OVERLAP", cell: (s) => s.overlap, keep: 2 },
    { header: "NEXT", cell: (s) => (s.paused ? "-" : formatTime(s.nextTickAt)), keep: 4 },
    { header: "LAST RUN", cell: (s) => s.lastRunId ?? "-", keep: 3, max: 40 },
    {
      header: "SKIPPED",
      cell: (s) => String(s.skippedTicks) + (s.queuedTickAt !== undefined ? " (1 queued)" : ""),
      keep: 1,
      align: "right",
    },
  ];
  io.stdout(renderTable(schedules, columns, io.columns));
}
