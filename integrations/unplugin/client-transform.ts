/**
 * The client transform of an app module, as every bundler's `transform` hook runs it: IDs
 * relative to the root (`moduleSpecifier` IDs for packages), the import of the setup module
 * added to modules that define workflows, and the diagnostics as one error.
 */
import type { Diagnostic, SourceMap } from "../../compiler/index.js";
import { moduleSpecifierOf } from "../shared/source-files.js";
import { SETUP_SPECIFIER } from "../shared/setup-import.js";

/** A source map as plain data (what bundlers take from a transform hook). */
export interface PlainSourceMap {
  version: number;
  file?: string;
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

function toPlainMap(map: SourceMap | null, extraLines = 0): PlainSourceMap | null {
  if (!map) return null;
  const { version, file, sources, sourcesContent, names, mappings } = map;
  return {
    version,
    ...(file !== undefined ? { file } : {}),
    sources,
    ...(sourcesContent ? { sourcesContent } : {}),
    names,
    mappings: ";".repeat(extraLines) + mappings,
  };
}

export interface ClientTransformResult {
  code: string;
  map: PlainSourceMap | null;
  /** Whether the module defines workflows, steps or serializable classes (it is an entry). */
  found: boolean;
}

/** The directive errors of one module, with file, line, column and code frame each. */
export class DirectiveError extends Error {
  override name = "DirectiveError";
  /** The message says where; the plugin's own frames would not help (webpack reads this). */
  readonly hideStack = true;
  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
    formatted: string,
  ) {
    super(`Workflow directives in ${file}:\n\n${formatted}`);
  }
}

let compiler: Promise<typeof import("../../compiler/index.js")> | undefined;

/**
 * Runs the client transform, or returns null when the module has nothing to transform. The
 * compiler (Babel) is loaded when a module first needs it.
 */
export async function clientTransform(
  code: string,
  file: string,
  root: string,
  options: { injectSetup: boolean },
): Promise<ClientTransformResult | null> {
  const { formatDiagnostic, transform } = await (compiler ??= import("../../compiler/index.js"));
  const result = transform(code, {
    filename: file,
    root,
    mode: "client",
    moduleSpecifier: moduleSpecifierOf(file),
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length)
    throw new DirectiveError(file, errors, errors.map((d) => formatDiagnostic(d)).join("\n\n"));
  const { workflows = {}, steps = {}, classes = {} } = result.manifest;
  const definesWorkflows = Object.keys(workflows).length > 0;
  const found =
    definesWorkflows || Object.keys(steps).length > 0 || Object.keys(classes).length > 0;
  if (!result.map && !found) return null;
  if (!definesWorkflows || !options.injectSetup)
    return { code: result.code, map: toPlainMap(result.map), found };
  // On a line of its own, so that the map only needs one more (empty) line at the start.
  return {
    code: `import ${JSON.stringify(SETUP_SPECIFIER)};\n${result.code}`,
    map: toPlainMap(result.map, 1),
    found,
  };
}
