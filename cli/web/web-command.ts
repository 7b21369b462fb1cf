/**
 * `wf web [--port N] [--host H]`: serves the dashboard over the world the app uses, opened
 * read-only like `wf inspect`, until Ctrl-C. On 127.0.0.1 (the default) it prints its URL; on
 * any other host it also prints an access token that the page asks for.
 */
import { parseArgs } from "node:util";
import type { World } from "../../runtime/worlds/index.js";
import { CliError, openWorld, WORLD_OPTIONS } from "../open-world.js";
import type { DashboardActions } from "./actions.js";
import { createControlActions } from "./control-actions.js";
import { startDashboard } from "./dashboard-server.js";

export interface WebIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Stops the server. */
  signal?: AbortSignal;
  /**
   * Who cancels, resumes and starts runs for the page.
   * @default the process that owns the world, as `wf start/cancel/resume` reach it
   */
  actions?: (world: World) => DashboardActions | undefined;
}

export const WEB_USAGE = `  wf web [--port N] [--host H] [--world file|postgres] [--dir D] [--postgres-url U]
      Serve a dashboard of the runs (live list, timeline, time travel over the event log)
      on http://127.0.0.1:N/ (default port 4100; 0 picks a free one). With --host it binds
      there and prints an access token that the page asks for. Reads the world like wf inspect.
`;

export async function webCommand(argv: string[], io: WebIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...WORLD_OPTIONS,
        port: { type: "string", short: "p", default: "4100" },
        host: { type: "string" },
      },
    }));
  } catch (error) {
    io.stderr(`wf web: ${(error as Error).message}\n\n${WEB_USAGE}`);
    return 1;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`wf web: --port must be a number from 0 to 65535, got "${values.port}"\n`);
    return 1;
  }
  let world: World | undefined;
  try {
    world = await openWorld(values, io.env, io.cwd);
    const dashboard = await startDashboard({
      world,
      actions: io.actions ? io.actions(world) : createControlActions(values, io, world),
      host: values.host ?? "127.0.0.1",
      port,
      // A host given on purpose may be reachable from elsewhere: always ask for the token then.
      requireToken: values.host !== undefined,
    });
    io.stdout(`Dashboard of ${world.name}: ${dashboard.url}\n`);
    if (dashboard.token)
      io.stdout(`Access token (the page asks for it once per browser): ${dashboard.token}\n`);
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) return resolve();
      io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await dashboard.close();
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`wf web: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      io.stderr(
        `wf web: cannot listen on ${values.host ?? "127.0.0.1"}:${port} (${code}); pass another --port or --host\n`,
      );
      return 1;
    }
    throw error;
  } finally {
    await world?.close();
  }
}
