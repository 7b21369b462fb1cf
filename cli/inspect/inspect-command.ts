/**
 * `wf inspect <runs|run|steps|events|hooks|streams|stream|schedules>`: reads the world the app uses and
 * prints what is in it. Reads only: it never writes, never runs workflow code, and works while
 * the app is running.
 */
import { parseArgs } from "node:util";
import type { RunState, World } from "../../runtime/worlds/index.js";
import { CliError, openWorld, WORLD_OPTIONS } from "../open-world.js";
import { showHooks } from "./hooks-view.js";
import { showEvents, showRun, showRuns, showSteps, showStream, showStreams } from "./views.js";
import type { ViewIo } from "./view-io.js";
import { showSchedules } from "./schedules-view.js";

export interface InspectIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Terminal width; tables fit it. */
  columns: number;
  /** Stops `--follow`. */
  signal?: AbortSignal;
}

export const INSPECT_USAGE = `  wf inspect runs [--status S] [--workflow NAME] [--limit N] [--cursor C]
  wf inspect run <runId>
  wf inspect steps --run <runId>
  wf inspect events --run <runId> [--raw]
  wf inspect hooks [--run <runId>]
  wf inspect streams --run <runId>
  wf inspect stream <runId> [--namespace N] [--follow]
  wf inspect schedules
      Show the runs of the world the app uses (--world file|postgres, else
      WORKFLOW_TARGET_WORLD; --dir, else WORKFLOW_DATA_DIR, else .workflow-data;
      --postgres-url, else WORKFLOW_POSTGRES_URL). --json prints JSON (JSON lines
      with --follow); events --raw prints the log as stored, { runId, events }, the
      form replayRun() of workflow/testing takes. Reads only; works while the app runs.
`;

const STATUSES: RunState["status"][] = ["pending", "running", "completed", "failed", "cancelled"];

export async function inspectCommand(argv: string[], io: InspectIo): Promise<number> {
  const [what, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        ...WORLD_OPTIONS,
        json: { type: "boolean", default: false },
        run: { type: "string" },
        status: { type: "string" },
        workflow: { type: "string" },
        limit: { type: "string" },
        cursor: { type: "string" },
        namespace: { type: "string" },
        follow: { type: "boolean", short: "f", default: false },
        raw: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    io.stderr(`wf inspect: ${(error as Error).message}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const view: ViewIo = {
    stdout: io.stdout,
    json: values.json,
    raw: values.raw,
    columns: io.columns,
  };
  let world: World | undefined;
  try {
    const run = (usage: string) => {
      const id = values.run ?? positionals[0];
      if (!id) throw new CliError(`${usage} needs a run ID`);
      return id;
    };
    const open = async () => (world = await openWorld(values, io.env, io.cwd));
    switch (what) {
      case "runs": {
        if (values.status !== undefined && !STATUSES.includes(values.status as RunState["status"]))
          throw new CliError(
            `--status must be one of ${STATUSES.join(", ")}, got "${values.status}"`,
          );
        const limit = values.limit === undefined ? undefined : Number(values.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
          throw new CliError(
            `--limit must be a whole number from 1 to 1000, got "${values.limit}"`,
          );
        await showRuns(
          await open(),
          {
            ...(values.status ? { status: values.status as RunState["status"] } : {}),
            ...(values.workflow ? { workflowName: values.workflow } : {}),
            ...(limit ? { limit } : {}),
            ...(values.cursor ? { cursor: values.cursor } : {}),
          },
          view,
        );
        return 0;
      }
      case "run":
        await showRun(await open(), run("wf inspect run"), view);
        return 0;
      case "steps":
        await showSteps(await open(), run("wf inspect steps"), view);
        return 0;
      case "events":
        await showEvents(await open(), run("wf inspect events"), view);
        return 0;
      case "hooks":
        await showHooks(await open(), values.run ?? positionals[0], view);
        return 0;
      case "streams":
        await showStreams(await open(), run("wf inspect streams"), view);
        return 0;
      case "schedules":
        await showSchedules(await open(), view);
        return 0;
      case "stream": {
        const name = values.namespace === undefined ? "user" : `user:${values.namespace}`;
        await showStream(
          await open(),
          run("wf inspect stream"),
          name,
          values.follow,
          view,
          io.signal,
        );
        return 0;
      }
      default:
        io.stderr(
          `wf inspect: ${what ? `unknown view "${what}"` : "which view?"}\n\nUsage:\n${INSPECT_USAGE}`,
        );
        return 1;
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof TypeError || error instanceof RangeError) {
      io.stderr(`wf inspect: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await (world as World | undefined)?.close();
  }
}
