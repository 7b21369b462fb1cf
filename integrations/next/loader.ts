/**
 * The loader `withWorkflow` registers for app code, with webpack (`module.rules`) and with
 * Turbopack (`turbopack.rules`): the client transform, so that workflows carry the IDs that
 * `start()` sends and steps stay callable, and a directive mistake fails the build with its
 * file, line, column and code frame.
 *
 * On the server it also appends `import "<setup>"` to modules that start or resume runs (those
 * that define workflows or import `workflow/api` or `workflow/runtime`): the setup module makes
 * the generated bundles the process's default runtime before any of them is used. An import
 * is hoisted wherever it stands, so appending it keeps the module's own lines (and its source
 * map) as they are, and keeps a `"use server"` prologue first.
 */
import path from "node:path";
import { formatDiagnostic, transform } from "../../compiler/index.js";
import { moduleSpecifierOf } from "../shared/source-files.js";

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

/** Files this loader leaves alone: what `withWorkflow` generates, and this package's own. */
const GENERATED = /[/\\]\.well-known[/\\]workflow[/\\]/;
// dist/ once compiled: this package's code, which holds directive names only in messages.
const OWN_CODE = path.resolve(import.meta.dirname, "../..");
const USES_RUNTIME = /["']workflow\/(?:api|runtime)["']/;

function isSkipped(file: string): boolean {
  return GENERATED.test(file) || file.startsWith(OWN_CODE + path.sep);
}

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
  if (isSkipped(file)) return callback(null, text, inputMap);
  const options = this.getOptions();
  const root = options.root ?? this.rootContext ?? process.cwd();
  const result = transform(text, {
    filename: file,
    root,
    mode: "client",
    moduleSpecifier: moduleSpecifierOf(file),
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    return callback(toLoaderError(errors.map(formatDiagnostic).join("\n\n")));
  }
  for (const warning of result.diagnostics) {
    this.emitWarning(new Error(formatDiagnostic(warning)));
  }
  let code = result.code;
  const inPackage = file.includes(`${path.sep}node_modules${path.sep}`);
  if (options.setup && !inPackage && (result.manifest.workflows || USES_RUNTIME.test(text))) {
    code += `\nimport ${JSON.stringify(toImportPath(file, options.setup))};\n`;
  }
  // The transform's map covers its edits; an unchanged file keeps the map it came with.
  // As an object: Next's SWC loader, next in webpack's chain, reads an input map object only.
  callback(null, code, result.map ? (JSON.parse(result.map.toString()) as object) : inputMap);
}
