/**
 * The loader `withWorkflow` registers for app code, with webpack (`module.rules`) and with
 * Turbopack (`turbopack.rules`): the client transform, so that workflows carry the IDs that
 * `start()` sends and steps stay callable, and a directive mistake fails the build with its
 * file, line, column and code frame; so does a mistake that only the workflow bundle build
 * found (failed-setup.ts).
 *
 * On the server it also imports the generated setup module in the modules that the shared
 * policy picks (shared/setup-import.ts): the setup module makes the generated bundles the
 * process's default runtime before any of them is used.
 */
import path from "node:path";
import { compileModule, isOwnFile, shouldCompile } from "../shared/compile-module.js";
import { formatDirectiveMistake } from "../shared/directive-error.js";
import { appendSetupImport, needsSetupImport } from "../shared/setup-import.js";
import { readBuildError } from "./build-error-export.js";

/** The options `withWorkflow` passes; plain JSON, as Turbopack requires. */
export interface WorkflowLoaderOptions {
  /** The project root that IDs are relative to. */
  root: string;
  /** Absolute path of the generated setup module; set for server (Node.js) code only. */
  setup?: string;
}

/** The part of webpack's loader context that Turbopack also implements, and that we use. */
interface LoaderContext {
  resourcePath: string;
  rootContext?: string;
  getOptions(): WorkflowLoaderOptions;
  async(): (error: Error | null, code?: string, map?: string | object | null) => void;
  emitWarning(warning: Error): void;
}

/**
 * What `withWorkflow` generates: left as it is, but for the setup module of a failed bundle
 * build, which fails here with the error written into it (failed-setup.ts).
 */
const GENERATED = /[/\\]\.well-known[/\\]workflow[/\\]/;

function toImportPath(from: string, to: string): string {
  const relative = path.relative(path.dirname(from), to).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/**
 * The error a bundler shows: every error diagnostic, with its location and code frame. A plain
 * Error (webpack's cache serializes no other class), whose stack is its message: the frames
 * would be this loader's, which say nothing about the user's code.
 */
function toLoaderError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

export default function workflowLoader(
  this: LoaderContext,
  source: string | Buffer,
  inputMap?: string | object | null,
): void {
  const callback = this.async();
  const file = this.resourcePath;
  const text = typeof source === "string" ? source : source.toString("utf8");
  if (GENERATED.test(file)) {
    const error = readBuildError(text);
    return error ? callback(toLoaderError(error)) : callback(null, text, inputMap);
  }
  if (isOwnFile(file)) return callback(null, text, inputMap);
  const options = this.getOptions();
  const root = options.root ?? this.rootContext ?? process.cwd();
  const compiling = shouldCompile(file, text)
    ? compileModule({ code: text, file, root, mode: "client" })
    : Promise.resolve(null);
  compiling.then((result) => {
    if (result?.errors.length) {
      // Not a DirectiveError: webpack's cache serializes no class of ours (see toLoaderError).
      return callback(
        toLoaderError(result.errors.map((d) => formatDirectiveMistake(file, d)).join("\n\n")),
      );
    }
    for (const warning of result?.warnings ?? [])
      this.emitWarning(new Error(formatDirectiveMistake(file, warning)));
    let code = result?.code ?? text;
    if (options.setup && needsSetupImport(file, text, result?.manifest))
      code = appendSetupImport(code, toImportPath(file, options.setup));
    // The transform's map covers its edits; an unchanged file keeps the map it came with.
    // As an object: Next's SWC loader, next in webpack's chain, reads an input map object only.
    callback(null, code, result?.map ? (JSON.parse(result.map.toString()) as object) : inputMap);
  }, callback);
}
