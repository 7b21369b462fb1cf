import { parse, type ParserPlugin } from "@babel/parser";
import type * as t from "@babel/types";

/** Parser plugins for a file, chosen by its extension. */
export function getParserPlugins(filename: string): ParserPlugin[] {
  const ext = /\.[^./\\]+$/.exec(filename)?.[0].toLowerCase() ?? "";
  const typescript = [".ts", ".tsx", ".mts", ".cts"].includes(ext);
  // .js files often hold JSX (React projects); only .ts/.mts/.cts rule it out, because
  // there `<T>(x) => x` is a generic arrow, not an element.
  const jsx = !typescript || ext === ".tsx";
  const plugins: ParserPlugin[] = ["decorators", "explicitResourceManagement", "importAttributes"];
  if (typescript) plugins.push("typescript");
  if (jsx) plugins.push("jsx");
  return plugins;
}

/** Parses a module with everything Babel needs for scope analysis. Throws on a syntax error. */
export function parseModule(code: string, filename: string): t.File {
  return parse(code, {
    sourceType: "module",
    sourceFilename: filename,
    plugins: getParserPlugins(filename),
    allowReturnOutsideFunction: false,
    allowAwaitOutsideFunction: true,
    errorRecovery: false,
    // Comments stay in the text that magic-string edits; attaching them to nodes costs about
    // as much as the rest of the parse.
    attachComment: false,
  });
}
