/**
 * How the server output loads the setup module before its first `start()`. The client
 * transform adds `import "virtual:workflow-setup"` to every module that defines a workflow
 * (the modules whose functions are passed to `start()`). Each bundler keeps that import as an
 * external one whose path is a placeholder; when the output is written, the placeholder
 * becomes the path from each output file to the generated setup module, so that the output
 * folder can be moved as a whole. In a dev server the import is an empty module: the plugin
 * sets the runtime up itself.
 */
import path from "node:path";
import MagicString from "magic-string";

/** What the client transform imports in modules that define workflows. */
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
