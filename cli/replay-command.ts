/**
 * `wf replay <runId>`: replays the run's stored log against the workflow code in the current
 * directory, and says whether the code still does what the log recorded ("deterministic"), or
 * where it now does something else, with the event, what the log has, what the code does, and a
 * code frame. Reads only: nothing is written, and steps do not run (their results come from the
 * log). Exit code 0 when deterministic, 1 otherwise.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { createBundleSource } from "../integrations/bundling/bundle-source.js";
import { callSiteFrame, checkReplay } from "../runtime/engine/replay-check.js";
import type { World } from "../runtime/worlds/index.js";
import { requireRun } from "./inspect/view-io.js";
import { CliError, openWorld, WORLD_OPTIONS } from "./open-world.js";

export interface ReplayIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const REPLAY_USAGE = `  wf replay <runId> [--root <dir>] [--json]
      Replay the run's log against the workflow code under --root (default: the current
      directory): "deterministic", or the first event where the code now does something
      else, with a code frame (exit code 1). Writes nothing and runs no step.
`;

export async function replayCommand(argv: string[], io: ReplayIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...WORLD_OPTIONS,
        root: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    io.stderr(`wf replay: ${(error as Error).message}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  let world: World | undefined;
  try {
    const runId = positionals[0];
    if (!runId || positionals.length > 1) throw new CliError("wf replay takes one run ID");
    world = await openWorld(values, io.env, io.cwd);
    const run = await requireRun(world, runId);
    const events = await world.readEvents(runId);
    const root = path.resolve(io.cwd, values.root ?? ".");
    const bundle = await createBundleSource({ root })
      .getWorkflowBundle(run.workflowName)
      .catch((error: unknown) => {
        throw new CliError(
          `cannot build the workflow code under ${root}: ${(error as Error).message}`,
        );
      });
    const report = await checkReplay({ run, events, bundle });
    if (values.json) {
      io.stdout(`${JSON.stringify({ runId, ...report })}\n`);
      return report.deterministic ? 0 : 1;
    }
    if (report.deterministic) {
      io.stdout(
        `deterministic: the current code makes the calls of all ${report.events} events of run ${runId}\n`,
      );
      return 0;
    }
    const lines = [
      `not deterministic: run ${runId} (${run.workflowName})`,
      report.event
        ? `  at event #${report.event.index} (${report.event.type})`
        : "  at the end of the log",
      `  the log has:  ${report.expected}`,
      `  the code has: ${report.actual}`,
    ];
    if (report.callSite)
      lines.push(
        `  ${relativeSite(report.callSite, io.cwd)}`,
        ((await callSiteFrame(report.callSite)) ?? "").replace(/^/gm, "  "),
      );
    io.stdout(`${lines.filter(Boolean).join("\n")}\n`);
    return 1;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`wf replay: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await world?.close();
  }
}

/** `file:line:column` with the file relative to `cwd`. */
function relativeSite(callSite: string, cwd: string): string {
  const match = /^(.*)(:\d+:\d+)$/.exec(callSite);
  return match ? `${path.relative(cwd, match[1]!)}${match[2]}` : callSite;
}
