/** Parses inputs and outputs as a bundler would: Babel, with plugins chosen by extension. */
import { parse, type ParserPlugin } from "@babel/parser";

function extensionOf(filename: string): string {
  return /\.[^./\\]+$/.exec(filename)?.[0].toLowerCase() ?? "";
}

/** Plugins by extension: typescript for .ts, jsx for .tsx/.jsx, always decorators. */
function pluginsFor(filename: string, withJsx = false): ParserPlugin[] {
  const ext = extensionOf(filename);
  const plugins: ParserPlugin[] = ["decorators", "explicitResourceManagement", "importAttributes"];
  if ([".ts", ".tsx", ".mts", ".cts"].includes(ext)) plugins.push("typescript");
  if (ext === ".tsx" || ext === ".jsx" || withJsx) plugins.push("jsx");
  return plugins;
}

/** A module parsed by Babel. */
export type BabelFile = ReturnType<typeof parse>;

/** A parse: the AST, or the first syntax error. */
export type ParsedModule = { ast: BabelFile } | { error: Error };

/** Parses a module; `.js`-like files may hold JSX, so they get a second try with the plugin. */
export function parseModule(code: string, filename: string): ParsedModule {
  const attempt = (withJsx: boolean) =>
    parse(code, {
      sourceType: "module",
      plugins: pluginsFor(filename, withJsx),
      errorRecovery: false,
    });
  try {
    return { ast: attempt(false) };
  } catch (error) {
    const ext = extensionOf(filename);
    if ([".js", ".mjs", ".cjs"].includes(ext)) {
      try {
        return { ast: attempt(true) };
      } catch {
        // report the first error
      }
    }
    return { error: error as Error };
  }
}
