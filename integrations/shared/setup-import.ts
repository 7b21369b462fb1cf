/**
 * How the server output loads the setup module before its first `start()`: one policy for the
 * bundler plugins and Next (`needsSetupImport`, `appendSetupImport`).
 *
 * The bundler plugins import `virtual:workflow-setup`. Each bundler keeps that import as an
 * external one whose path is a placeholder; when the output is written, the placeholder
 * becomes the path from each output file to the generated setup module, so that the output
 * folder can be moved as a whole. In a dev server the import is an empty module: the plugin
 * sets the runtime up itself. Next imports its generated setup.js by relative path.
 */
import path from "node:path";
import MagicString from "magic-string";
import type { Manifest } from "../../compiler/index.js";
import { isOwnFile } from "./own-files.js";

/** An import of the part of the package that starts, resumes or serves runs. */
const IMPORTS_RUNTIME = /["']workflow\/(?:api|runtime)["']/;

/**
 * Which server modules get the setup import: those that define workflows (the functions
 * passed to `start()`, so that the runtime is set up before a caller can start one), and those
 * that import `workflow/api` or `workflow/runtime` (a route that only calls `resumeHook` or
 * `getRun` defines no workflow, yet needs the runtime). Packages count like app code (a library
 * may start runs for the app); this package's own files never do. Client code never gets it:
 * the caller asks only for server modules.
 */
export function needsSetupImport(file: string, code: string, manifest?: Manifest): boolean {
  const definesWorkflows = Object.keys(manifest?.workflows ?? {}).length > 0;
  return (definesWorkflows || IMPORTS_RUNTIME.test(code)) && !isOwnFile(file);
}

/**
 * `code` with `import "<specifier>"` appended on a line of its own. An import is hoisted
 * wherever it stands, so appending keeps the module's lines (and its source map) as they are,
 * and keeps a `"use client"` or `"use server"` prologue first.
 */
export function appendSetupImport(code: string, specifier: string): string {
  return `${code}${code.endsWith("\n") ? "" : "\n"}import ${JSON.stringify(specifier)};\n`;
}

/** What the bundler plugins import in the modules that `needsSetupImport` picks. */
export const SETUP_SPECIFIER = "virtual:workflow-setup";

/** The external path the bundlers write until the real one is known. */
export const SETUP_PLACEHOLDER = "__workflow_setup_module__";

const QUOTED_PLACEHOLDER = new RegExp(`(["'\`])${SETUP_PLACEHOLDER}\\1`, "g");

/** `./workflow/setup.mjs`: the import path from `outputFile` to `setupFile`, both in one folder tree. */
export function relativeImport(outputFile: string, setupFile: string): string {
  const relative = path.posix.relative(
    path.posix.dirname(outputFile.split(path.sep).join("/")),
    setupFile.split(path.sep).join("/"),
  );
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/**
 * The output text with the placeholder replaced, and its source map when `sourceMap` (a
 * hi-res map of a whole chunk costs more than the rest of this plugin's work on it); null when
 * the text has no placeholder.
 */
export function replaceSetupPlaceholder(
  code: string,
  importPath: string,
  { sourceMap }: { sourceMap: boolean },
): { code: string; map: ReturnType<MagicString["generateMap"]> | null } | null {
  if (!code.includes(SETUP_PLACEHOLDER)) return null;
  if (!sourceMap)
    return {
      code: code.replace(QUOTED_PLACEHOLDER, (_, quote: string) => `${quote}${importPath}${quote}`),
      map: null,
    };
  const text = new MagicString(code);
  for (const match of code.matchAll(QUOTED_PLACEHOLDER)) {
    const quote = match[1]!;
    text.overwrite(match.index, match.index + match[0].length, `${quote}${importPath}${quote}`);
  }
  return { code: text.toString(), map: text.generateMap({ hires: true }) };
}
