/**
 * The options every bundler adapter takes (`workflow/vite`, `workflow/webpack`, ...), checked
 * when the plugin is created so that a mistake fails at config time, not mid-build.
 */

export interface WorkflowPluginOptions {
  /**
   * Files, folders or globs (relative to `root`) whose workflows and steps are built even when
   * no module of the app imports them. Modules the app imports are found by themselves,
   * packages in node_modules included, whenever the bundler bundles them.
   * @default []
   */
  workflows?: string[];
  /**
   * The folder that workflow and step IDs are relative to. Change it only together with
   * every other place that builds or starts these workflows.
   * @default the bundler's root: Vite's `root`, webpack's `context`, esbuild's
   * `absWorkingDir`, else the current folder
   */
  root?: string;
  /**
   * The folder, inside the bundler's output folder, that receives the workflow bundle, the step
   * bundle and the setup module that the server output imports.
   * @default "workflow"
   */
  outDir?: string;
  /** Receives a line for each decision the plugin makes (discovery, builds). @default undefined */
  debug?: (message: string) => void;
}

export interface NormalizedOptions {
  workflows: string[];
  root: string | undefined;
  outDir: string;
  debug: ((message: string) => void) | undefined;
}

function fail(what: string): never {
  throw new TypeError(`workflow plugin: ${what}`);
}

export function normalizeOptions(options: WorkflowPluginOptions = {}): NormalizedOptions {
  if (typeof options !== "object" || options === null) fail("options must be an object.");
  const { workflows = [], root, outDir = "workflow", debug } = options;
  if (!Array.isArray(workflows) || workflows.some((w) => typeof w !== "string" || w === ""))
    fail(`"workflows" must be an array of paths or globs, got ${JSON.stringify(workflows)}.`);
  if (root !== undefined && (typeof root !== "string" || root === ""))
    fail(`"root" must be a folder path, got ${JSON.stringify(root)}.`);
  if (
    typeof outDir !== "string" ||
    outDir === "" ||
    outDir.startsWith("/") ||
    outDir.split(/[\\/]/).includes("..")
  )
    fail(
      `"outDir" must be a folder inside the bundler's output folder (like "workflow"), got ${JSON.stringify(outDir)}.`,
    );
  if (debug !== undefined && typeof debug !== "function")
    fail(`"debug" must be a function that takes a message.`);
  return { workflows, root, outDir: outDir.replace(/[\\/]+$/, ""), debug };
}
