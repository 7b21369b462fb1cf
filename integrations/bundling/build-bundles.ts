/**
 * Builds the two bundles of one workflow file, or of several (a bundler plugin builds one pair
 * for every file it discovered), with esbuild and the directive transform:
 * - the workflow bundle: one IIFE script for the sandbox, every import bundled (the sandbox has
 *   no module loader), `workflow` resolved through its `workflow` export condition;
 * - the step bundle: an ES module for Node with step bodies registered by ID; packages stay
 *   imports, resolved to absolute paths so that the bundle runs from any folder and shares the
 *   app's copy of each package (and of `workflow` itself).
 * Both carry inline source maps that lead back to the user's files.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type BuildFailure, type Message, type Plugin } from "esbuild";
import {
  directivePlugin,
  isNodeBuiltin,
  toOriginalMessage,
  type TransformedFile,
} from "./directive-plugin.js";
import { AI_ENTRY, AI_PACKAGE } from "../shared/ai-alias.js";
import { shouldCompile } from "../shared/compile-module.js";
import { SOURCE_FILE } from "../shared/source-files.js";
import { GUARDED_BUNDLE_BANNER } from "../../protocol/symbols.js";

export interface BuiltBundle {
  code: string;
  /** Absolute paths of every file the bundle was built from, for cache validation. */
  inputs: string[];
}

/**
 * A build that failed on user code: esbuild's messages, one block each with the file, line and
 * column of the mistake (not the entry the build started from, which is elsewhere when the
 * mistake is in a file it imports), the code frame and the fix.
 */
export class BundleBuildError extends Error {
  override name = "BundleBuildError";
  /** The message says where; the plugin's own frames would not help (webpack reads this). */
  readonly hideStack = true;
  constructor(
    readonly entry: string,
    readonly messages: Message[],
  ) {
    super(messages.map(formatBundleMessage).join("\n\n"));
  }
}

/** The files a bundle starts from: one entry, or several that a generated module imports. */
export type BundleEntries = string | readonly string[];

/** How the step bundle imports packages. */
export interface StepBundleOptions {
  /**
   * `"absolute"`: by the file URL they resolve to now (the bundle runs from any folder, such
   * as a cache). `"bare"`: by the specifier the source wrote, resolved where the bundle is
   * written (an app's output folder, which a deployment moves as a whole).
   * @default "absolute"
   */
  packageImports?: "absolute" | "bare";
}

/**
 * The note esbuild adds to a plugin's error in a module that another one imports: the import
 * that led there, which is not where the mistake is (the error's location is).
 */
const IMPORT_NOTE = /^The plugin ".*" was triggered by this import$/;

/** The generated entry module's name (not a file). */
const STDIN_NAME = "<workflow entries>";

/**
 * esbuild options that start the bundle at `entries`. Several entries become one generated
 * module that re-exports each (`export *`, so that a package marked `sideEffects: false` is
 * kept: its modules register workflows and steps as they load).
 */
function entryOptions(entries: BundleEntries, root: string): Parameters<typeof build>[0] {
  if (typeof entries === "string") return { entryPoints: [entries] };
  const contents = entries
    .map((file, i) => `export * as __workflow_entry_${i} from ${JSON.stringify(file)};`)
    .join("\n");
  return {
    stdin: { contents, resolveDir: root, sourcefile: STDIN_NAME, loader: "js" },
  };
}

function describeEntries(entries: BundleEntries, root: string): string {
  if (typeof entries === "string") return entries;
  return entries.map((file) => path.relative(root, file) || file).join(", ");
}

/** One message of a failed build: `file:line:column: text` (from 1), then its notes (the frame, the fix). */
export function formatBundleMessage(m: Message): string {
  // esbuild columns are 0-based; people (and editors) count from 1.
  const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
  const notes = m.notes.map((n) => n.text).filter(Boolean);
  return `${at}${m.text}${notes.length ? `\n${notes.join("\n")}` : ""}`;
}

async function run(
  entries: BundleEntries,
  root: string,
  transformed: Map<string, TransformedFile>,
  options: Parameters<typeof build>[0],
): Promise<BuiltBundle> {
  try {
    const result = await build({
      ...entryOptions(entries, root),
      bundle: true,
      write: false,
      metafile: true,
      sourcemap: "inline",
      sourcesContent: true,
      logLevel: "silent",
      target: "es2022",
      ...options,
    });
    const code = result.outputFiles![0]!.text;
    const inputs = Object.keys(result.metafile!.inputs)
      .filter((input) => !input.includes(":") && input !== STDIN_NAME)
      // Relative to absWorkingDir (the root), not to this process's working directory.
      .map((input) => path.resolve(root, input));
    return { code, inputs };
  } catch (error) {
    const failure = error as BuildFailure;
    if (Array.isArray(failure.errors)) {
      const messages = failure.errors.map((m) =>
        toOriginalMessage(
          { ...m, notes: m.notes.filter((n) => !IMPORT_NOTE.test(n.text)) },
          root,
          transformed,
        ),
      );
      throw new BundleBuildError(describeEntries(entries, root), messages);
    }
    throw error;
  }
}

export function buildWorkflowBundle(entries: BundleEntries, root: string): Promise<BuiltBundle> {
  const transformed = new Map<string, TransformedFile>();
  return run(entries, root, transformed, {
    format: "iife",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workflow", "import"],
    absWorkingDir: root,
    alias: { [AI_PACKAGE]: AI_ENTRY },
    // The directive plugin puts activation guards in every file it loads (but this package's
    // own): the sandbox limits the bundle's time by them (compiler/activation-guards.ts).
    banner: { js: GUARDED_BUNDLE_BANNER },
    plugins: [directivePlugin({ mode: "workflow", root, transformed })],
  });
}

/**
 * Whether a file (of a package, say) may define steps, workflows or serializable classes: the
 * one cheap check of every integration (shared/compile-module.ts), on the file's text. Such
 * package files are bundled, so that the transform registers their steps; every other package
 * stays an import. This package's own files never count (they mention directives in messages).
 */
export function holdsDirectives(file: string): boolean {
  try {
    return shouldCompile(file, readFileSync(file, "utf8"));
  } catch {
    return false;
  }
}

/** Keeps packages as imports (see `StepBundleOptions`), but for their files with steps. */
function externalPackages(packageImports: "absolute" | "bare"): Plugin {
  return {
    name: "workflow-external-packages",
    setup(b) {
      b.onResolve({ filter: /^[^./]|^\.[^./]|^\.\.[^/]/ }, async (args) => {
        if (args.kind === "entry-point" || path.isAbsolute(args.path)) return undefined;
        if (isNodeBuiltin(args.path)) return { path: args.path, external: true };
        if (args.pluginData === "resolving") return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "resolving",
        });
        if (resolved.errors.length) return { errors: resolved.errors };
        if (SOURCE_FILE.test(resolved.path) && holdsDirectives(resolved.path))
          return { path: resolved.path };
        const external = packageImports === "bare" ? args.path : pathToFileURL(resolved.path).href;
        return { path: external, external: true };
      });
    },
  };
}

export function buildStepBundle(
  entries: BundleEntries,
  root: string,
  options: StepBundleOptions = {},
): Promise<BuiltBundle> {
  const transformed = new Map<string, TransformedFile>();
  return run(entries, root, transformed, {
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["import", "node"],
    absWorkingDir: root,
    alias: { [AI_PACKAGE]: AI_ENTRY },
    // esbuild renames a class that refers to itself (`Money` → `_Money`); its name shows in
    // error messages and serialization paths, so keep the user's names.
    keepNames: true,
    // The map's sources are relative to root, not to the cached bundle's folder: say so, or
    // Node's source maps put step frames under node_modules/.cache.
    sourceRoot: `${pathToFileURL(root).href}/`,
    plugins: [
      externalPackages(options.packageImports ?? "absolute"),
      directivePlugin({ mode: "step", root, transformed }),
    ],
  });
}
