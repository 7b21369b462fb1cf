/**
 * An esbuild plugin that runs the directive transform on every source file of a bundle, in one
 * mode. The transform's diagnostics become esbuild errors with file, line, column and the
 * code frame; in the workflow bundle, a Node built-in import is an error that says to move the
 * code into a step (the sandbox has no Node APIs), and so is an import of a server-only entry of
 * this package (`workflow/api`) that the workflow itself still uses.
 */
import { readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import path from "node:path";
import { codeFrameColumns } from "@babel/code-frame";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import type { Loader, Message, Plugin } from "esbuild";
import type { Diagnostic, SourceMap, TransformMode } from "../../compiler/index.js";
import { type CompiledModule, compileModule, isOwnFile } from "../shared/compile-module.js";
import { composeMaps } from "./compose-maps.js";
import { SOURCE_FILE } from "../shared/source-files.js";
import {
  createServerOnlyImportError,
  findServerOnlyImport,
  isServerOnlyEntry,
  mayImportServerOnlyEntry,
} from "./server-only-imports.js";

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith("_")));

export function isNodeBuiltin(specifier: string): boolean {
  return (
    specifier.startsWith("node:") ||
    BUILTINS.has(specifier) ||
    BUILTINS.has(specifier.split("/")[0]!)
  );
}

function loaderOf(file: string): Loader {
  const ext = path.extname(file).slice(1);
  if (ext === "tsx") return "tsx";
  if (ext === "jsx") return "jsx";
  if (ext === "ts" || ext === "mts" || ext === "cts") return "ts";
  return "js";
}

function toMessage(d: Diagnostic): Message {
  return {
    id: d.code,
    pluginName: "workflow",
    text: `${d.code}: ${d.message}`,
    location: {
      file: d.loc.file,
      namespace: "file",
      line: d.loc.line,
      column: d.loc.column,
      length: d.loc.end && d.loc.end.line === d.loc.line ? d.loc.end.column - d.loc.column : 1,
      lineText: d.frame,
      suggestion: "",
    },
    notes: [{ text: `${d.frame}${d.hint ? `\n${d.hint}` : ""}`, location: null }],
    detail: d,
  };
}

/** A file the plugin transformed: its source, and the map from the transformed text back to it. */
export interface TransformedFile {
  source: string;
  map: SourceMap;
}

export interface DirectivePluginOptions {
  mode: TransformMode;
  root: string;
  /** Filled with every file the transform changed, by absolute path (see `toOriginalMessage`). */
  transformed?: Map<string, TransformedFile>;
}

/**
 * esbuild reports errors it finds itself (an unresolved or forbidden import) at their place in
 * the text the plugin handed over, which the transform changed (its manifest header adds a
 * line). This puts such a message back at the user's line and column, with a code frame.
 */
export function toOriginalMessage(
  message: Message,
  root: string,
  transformed: Map<string, TransformedFile>,
): Message {
  const loc = message.location;
  const file = loc && transformed.get(path.resolve(root, loc.file));
  if (!loc || !file) return message;
  const original = originalPositionFor(new TraceMap(file.map.toString()), {
    line: loc.line,
    column: loc.column,
  });
  if (original.line === null) return message;
  const line = original.line;
  const column = original.column ?? 0;
  const frame = codeFrameColumns(file.source, {
    start: { line, column: column + 1 },
    end: { line, column: column + 1 + Math.max(1, loc.length) },
  });
  return {
    ...message,
    location: { ...loc, line, column, lineText: file.source.split(/\r?\n/)[line - 1] ?? "" },
    notes: [{ text: frame, location: null }, ...message.notes],
  };
}

/**
 * A file of the workflow bundle with the activation guards in its loops and functions
 * (compiler/activation-guards.ts), its map composed with the directive transform's.
 */
async function withActivationGuards(
  compiled: CompiledModule,
  file: string,
): Promise<CompiledModule> {
  const { insertActivationGuards } = await (guards ??=
    import("../../compiler/activation-guards.js"));
  const guarded = insertActivationGuards(compiled.code, file);
  if (!guarded) return compiled;
  return { ...compiled, code: guarded.code, map: composeMaps(guarded.map, compiled.map) };
}

let guards: Promise<typeof import("../../compiler/activation-guards.js")> | undefined;

export function directivePlugin({ mode, root, transformed }: DirectivePluginOptions): Plugin {
  return {
    name: `workflow-directives-${mode}`,
    setup(build) {
      /**
       * Workflow mode: files that may import a server-only entry, with the text handed to esbuild
       * and whether it is the user's own (the transform changed nothing).
       */
      const handed = new Map<string, { code: string; original: boolean }>();
      if (mode === "workflow") {
        build.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind === "entry-point") return undefined;
          const where = () => path.relative(root, args.importer) || args.importer;
          // Still imported once the step bodies are gone: the workflow itself uses it.
          if (isServerOnlyEntry(args.path)) {
            const { code, original } = handed.get(args.importer) ?? {};
            const found = code ? findServerOnlyImport(code, args.importer, args.path) : undefined;
            const error = createServerOnlyImportError(where(), args.path, found?.names ?? []);
            // toOriginalMessage frames the files the transform changed; frame the others here.
            if (code && original && found?.at) {
              const { line, column, length } = found.at;
              const end = { line, column: column + 1 + length };
              const frame = codeFrameColumns(code, { start: { line, column: column + 1 }, end });
              error.notes!.unshift({ text: frame });
            }
            return { errors: [error] };
          }
          if (!isNodeBuiltin(args.path)) return undefined;
          return {
            errors: [
              {
                text:
                  `Workflow code in ${where()} imports the Node.js module "${args.path}", which the workflow sandbox does not have. ` +
                  `Move the code that needs "${args.path}" into a step ("use step"): steps run with full Node.js access.`,
              },
            ],
          };
        });
      }
      build.onLoad({ filter: SOURCE_FILE }, async (args) => {
        // This package's compiled runtime, which workflow bundles include, is never user code,
        // though its messages mention the directives (a parse per file and build).
        if (args.path.endsWith(".d.ts") || isOwnFile(args.path)) return undefined;
        const code = await readFile(args.path, "utf8");
        // The compiler hands a file without directives back untouched after its own pre-check.
        const compiled = await compileModule({ code, file: args.path, root, mode });
        if (compiled.errors.length) return { errors: compiled.errors.map(toMessage) };
        const result =
          mode === "workflow" ? await withActivationGuards(compiled, args.path) : compiled;
        const warnings = result.warnings.map(toMessage);
        if (result.map) transformed?.set(args.path, { source: code, map: result.map });
        if (mode === "workflow" && mayImportServerOnlyEntry(result.code))
          handed.set(args.path, { code: result.code, original: result.map === null });
        // The transform's map, inline: esbuild composes it with its own, so stacks name the user's lines.
        const contents = result.map
          ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`
          : result.code;
        return {
          contents,
          loader: loaderOf(args.path),
          resolveDir: path.dirname(args.path),
          warnings,
        };
      });
    },
  };
}
