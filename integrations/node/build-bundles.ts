/**
 * Builds the two bundles of a workflow file with esbuild and the directive transform:
 * - the workflow bundle: one IIFE script for the sandbox, every import bundled (the sandbox has
 *   no module loader), `workflow` resolved through its `workflow` export condition;
 * - the step bundle: an ES module for Node with step bodies registered by ID; packages stay
 *   imports, resolved to absolute paths so that the bundle runs from any folder and shares the
 *   app's copy of each package (and of `workflow` itself).
 * Both carry inline source maps that lead back to the user's files.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type BuildFailure, type Message, type Plugin } from "esbuild";
import {
  directivePlugin,
  isNodeBuiltin,
  toOriginalMessage,
  type TransformedFile,
} from "./directive-plugin.js";

export interface BuiltBundle {
  code: string;
  /** Absolute paths of every file the bundle was built from, for cache validation. */
  inputs: string[];
}

/** A build that failed on user code: esbuild's messages, formatted with their locations. */
export class BundleBuildError extends Error {
  override name = "BundleBuildError";
  constructor(
    readonly entry: string,
    readonly messages: Message[],
  ) {
    super(
      `Could not build the workflow code of ${entry}:\n${messages.map(formatMessage).join("\n")}`,
    );
  }
}

function formatMessage(m: Message): string {
  // esbuild columns are 0-based; people (and editors) count from 1.
  const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
  const notes = m.notes.map((n) => n.text).filter(Boolean);
  return `${at}${m.text}${notes.length ? `\n${notes.join("\n")}` : ""}`;
}

async function run(
  entry: string,
  root: string,
  transformed: Map<string, TransformedFile>,
  options: Parameters<typeof build>[0],
): Promise<BuiltBundle> {
  try {
    const result = await build({
      entryPoints: [entry],
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
      .filter((input) => !input.includes(":"))
      // Relative to absWorkingDir (the root), not to this process's working directory.
      .map((input) => path.resolve(root, input));
    return { code, inputs };
  } catch (error) {
    const failure = error as BuildFailure;
    if (Array.isArray(failure.errors)) {
      const messages = failure.errors.map((m) => toOriginalMessage(m, root, transformed));
      throw new BundleBuildError(entry, messages);
    }
    throw error;
  }
}

export function buildWorkflowBundle(entry: string, root: string): Promise<BuiltBundle> {
  const transformed = new Map<string, TransformedFile>();
  return run(entry, root, transformed, {
    format: "iife",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workflow", "import"],
    absWorkingDir: root,
    plugins: [directivePlugin({ mode: "workflow", root, transformed })],
  });
}

/** Keeps packages as imports of their resolved absolute file URL. */
function externalPackages(): Plugin {
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
        return { path: pathToFileURL(resolved.path).href, external: true };
      });
    },
  };
}

export function buildStepBundle(entry: string, root: string): Promise<BuiltBundle> {
  const transformed = new Map<string, TransformedFile>();
  return run(entry, root, transformed, {
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["import", "node"],
    absWorkingDir: root,
    // The map's sources are relative to root, not to the cached bundle's folder: say so, or
    // Node's source maps put step frames under node_modules/.cache.
    sourceRoot: `${pathToFileURL(root).href}/`,
    plugins: [externalPackages(), directivePlugin({ mode: "step", root, transformed })],
  });
}
