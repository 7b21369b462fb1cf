/**
 * `workflow/next`: durable workflows in a Next.js app (App Router, Next 16, Turbopack or
 * webpack).
 *
 * ```js
 * // next.config.mjs
 * import { withWorkflow } from "workflow/next";
 * export default withWorkflow(nextConfig);
 * ```
 *
 * When Next loads the config for `next build` or `next dev`, the workflow and step files are
 * found (by following imports from the app's routes), their bundles built, and the routes of
 * the protocol generated under `app/.well-known/workflow/v1/` (see generate.ts); under
 * `next dev` all of it is rebuilt on every change; a mistake in workflow code fails the app's
 * build, not the loading of the config (failed-setup.ts). The config gets the client
 * transform as a loader for webpack and Turbopack (loader.ts), and `workflow` as a server
 * external package.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyWorkflowConfig, type NextConfigFields } from "./config.js";
import { getGeneratedDir } from "./paths.js";

export interface WithWorkflowOptions {
  /**
   * Folders (relative to the project) whose every file is searched for workflows and steps,
   * besides the files that the app's routes, pages and layouts import.
   * @default []
   */
  dirs?: string[];
}

/** What Next passes to a config function besides the phase. */
export interface NextConfigContext {
  defaultConfig: object;
}

/** A Next config: the object, or the function of the phase that returns it. */
export type NextConfigInput<C extends object> =
  C | ((phase: string, context: NextConfigContext) => C | Promise<C>);

const PHASE_BUILD = "phase-production-build";
const PHASE_DEV = "phase-development-server";

/**
 * Set once this process generated the routes: Next loads the config again in its build
 * workers and dev server restarts, which inherit the environment and need not build again.
 */
const GENERATED_ENV = "WORKFLOW_NEXT_GENERATED";

const LOADER = fileURLToPath(new URL("./loader.js", import.meta.url));

// Per process: Next may load the config more than once; the routes are generated once.
const generations = new Map<string, Promise<void>>();

function reportDevError(error: unknown): void {
  // Not a mistake in user code (those fail the app's build: failed-setup.ts) but one of ours or
  // of the file system; the dev server's terminal is where it can be seen.
  console.error(`workflow: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * The error `next build` prints when the routes cannot be generated: the message alone. Next
 * prints a thrown error with its stack and own properties, which would bury the message.
 */
function toBuildError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const message = `workflow: ${error.message}`;
  const clean = new Error(message, { cause: undefined });
  clean.stack = message;
  return clean;
}

function generateOnce(root: string, phase: string, options: WithWorkflowOptions): Promise<void> {
  let pending = generations.get(root);
  if (!pending) {
    const dev = phase === PHASE_DEV;
    pending = (async () => {
      // Loaded here, not at the top: `next start` and Next's workers load this config too, and
      // need neither the compiler nor esbuild.
      const { generateWorkflowRoutes } = await import("./generate.js");
      const { watchSources } = await import("./watch.js");
      const generate = () => generateWorkflowRoutes({ root, dirs: options.dirs ?? [], dev });
      try {
        // Resolves when user code cannot be built, too: the generated setup module then fails
        // the app's build at the mistakes, as Next's build errors (failed-setup.ts). Thrown
        // from here, they would read "Failed to load next.config.mjs".
        await generate();
        process.env[GENERATED_ENV] = root;
      } catch (error) {
        // Anything else fails `next build` here; `next dev` starts anyway and builds again on
        // the next change.
        if (!dev) throw toBuildError(error);
        reportDevError(error);
      }
      if (dev) watchSources(root, generate, reportDevError);
    })();
    generations.set(root, pending);
  }
  return pending;
}

/**
 * Next's telemetry flush, a process that `next dev` leaves behind when it exits, loads the dev
 * config too; it must neither rewrite the routes nor watch (a watcher would keep it alive).
 */
function isTelemetryFlush(): boolean {
  return /[\\/]telemetry[\\/]detached-flush\.js$/.test(process.argv[1] ?? "");
}

/**
 * Adds durable workflows to a Next config: returns the config function that Next calls. The
 * project root is the folder Next runs in (`process.cwd()`).
 */
export function withWorkflow<C extends object>(
  nextConfig: NextConfigInput<C> = {} as C,
  options: WithWorkflowOptions = {},
): (phase: string, context: NextConfigContext) => Promise<C> {
  const { dirs = [] } = options;
  if (!Array.isArray(dirs) || dirs.some((dir) => typeof dir !== "string" || dir === ""))
    throw new TypeError(
      `withWorkflow: "dirs" must be an array of folder paths, got ${JSON.stringify(dirs)}.`,
    );
  return async (phase, context) => {
    const config = typeof nextConfig === "function" ? await nextConfig(phase, context) : nextConfig;
    const root = process.cwd();
    const builds = (phase === PHASE_BUILD || phase === PHASE_DEV) && !isTelemetryFlush();
    if (builds && process.env[GENERATED_ENV] !== root) await generateOnce(root, phase, options);
    const setup = path.join(getGeneratedDir(root), "setup.js");
    return applyWorkflowConfig(config as C & NextConfigFields, { loader: LOADER, root, setup });
  };
}
