/**
 * The esbuild side of the plugin (the client transform runs in unplugin's onLoad). For a
 * `platform: "node"` build with an `outdir` or `outfile`:
 * - the setup import is external, and its path is filled in per output file when the build ends;
 * - the generated files are written to `<outdir>/<outDir>/`; a failure to build them is a
 *   build error with the user's file, line, column and code frame.
 * `@workflow/ai` resolves as `workflow/ai` in every build.
 *
 * Mistakes are found while esbuild loads the files (checkModule), not when the build ends:
 * esbuild's `build()` prints the errors of its onLoad callbacks, but not those returned when
 * it ends (after it has printed "Done" and written the output).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildResult, OutputFile, PluginBuild } from "esbuild";
import {
  SETUP_PLACEHOLDER,
  SETUP_SPECIFIER,
  relativeImport,
  replaceSetupPlaceholder,
} from "../shared/setup-import.js";
import { AI_ALIAS, AI_TARGET } from "../shared/ai-alias.js";
import { type PluginState } from "../unplugin/state.js";
import { toEsbuildEndMessages, toEsbuildMessages } from "./errors.js";
import { BundleBuildError, buildWorkflowBundle } from "../bundling/build-bundles.js";
import { buildWorkflowBundleFiles, GENERATED_FILES } from "../bundling/write-workflow-bundles.js";
import { compileModule, shouldCompile } from "../shared/compile-module.js";
import { DirectiveError } from "../shared/directive-error.js";
import { SOURCE_FILE } from "../shared/source-files.js";

const RESOLVING = Symbol("workflow:resolving");

/** The output text with the setup path filled in, as an esbuild output file. */
function patchedOutput(file: OutputFile, text: string): OutputFile {
  const contents = new TextEncoder().encode(text);
  return { path: file.path, hash: file.hash, contents, text };
}

/**
 * The mistakes of one module, as esbuild messages: its directive mistakes and, in a server
 * build, those of the workflow code it starts (a Node.js built-in, a mistake in a helper that
 * only workflow code imports), from a build of its workflow bundle alone. Registered before
 * unplugin's onLoad, which runs the transform when this finds nothing: esbuild prints these
 * with a location whose line it marks, which unplugin's messages cannot carry.
 */
async function checkModule(file: string, root: string, server: boolean) {
  const code = await readFile(file, "utf8");
  if (!shouldCompile(file, code)) return [];
  const compiled = await compileModule({ code, file, root, mode: "client", sourceMaps: false });
  if (compiled.errors.length)
    return toEsbuildMessages(new DirectiveError(file, compiled.errors), code);
  if (!server || !Object.keys(compiled.manifest.workflows ?? {}).length) return [];
  try {
    await buildWorkflowBundle(file, root);
  } catch (error) {
    if (error instanceof BundleBuildError) return toEsbuildMessages(error);
    throw error;
  }
  return [];
}

export function setupEsbuildHooks(state: PluginState, build: PluginBuild): void {
  const initial = build.initialOptions;
  const workingDir = initial.absWorkingDir ?? process.cwd();
  state.root = state.options.root ? path.resolve(state.options.root) : workingDir;
  state.server = initial.platform === "node";

  build.onResolve({ filter: AI_ALIAS }, (args) => {
    if (args.pluginData === RESOLVING) return undefined;
    return build.resolve(args.path.replace(AI_ALIAS, AI_TARGET), {
      kind: args.kind,
      importer: args.importer,
      resolveDir: args.resolveDir,
      pluginData: RESOLVING,
    });
  });
  build.onLoad({ filter: SOURCE_FILE, namespace: "file" }, async (args) => {
    if (/\.d\.[cm]?ts$/.test(args.path)) return undefined;
    const errors = await checkModule(args.path, state.root, state.server);
    return errors.length ? { errors } : undefined;
  });
  if (!state.server) return;

  const outDir = initial.outdir
    ? path.resolve(workingDir, initial.outdir)
    : initial.outfile
      ? path.dirname(path.resolve(workingDir, initial.outfile))
      : undefined;
  // The plugin API's way to ask for the list of inputs and outputs, which discovery and the
  // setup path need; a metafile the user did not ask for is only in the result object.
  initial.metafile = true;

  build.onResolve({ filter: new RegExp(`^${SETUP_SPECIFIER}$`) }, () => ({
    path: SETUP_PLACEHOLDER,
    external: true,
  }));

  build.onEnd(async (result: BuildResult) => {
    if (result.errors.length || !result.metafile) return undefined;
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !input.includes(":"))
      .map((input) => path.resolve(workingDir, input));
    const entries = await state.discovery.entries(state.root, inputs);
    state.options.debug?.(`workflow entries: ${entries.join(", ") || "none"}`);
    if (!entries.length) return undefined;
    if (!outDir)
      return {
        errors: [
          {
            text: `The workflow plugin writes its bundles next to the output: set "outdir" or "outfile".`,
          },
        ],
      };
    let built;
    try {
      built = await buildWorkflowBundleFiles({ root: state.root, entries, startOnLoad: true });
    } catch (error) {
      // esbuild wrote the output before the end callbacks run: a failed build leaves none of it
      // (a server file that imports the setup placeholder would only fail later, elsewhere).
      if (initial.write === false) result.outputFiles = [];
      else
        await Promise.all(
          Object.keys(result.metafile.outputs).map((output) =>
            rm(path.resolve(workingDir, output), { force: true }),
          ),
        );
      return { errors: toEsbuildEndMessages(error) };
    }
    const generatedDir = path.join(outDir, state.options.outDir);
    const setupFile = path.join(generatedDir, GENERATED_FILES.setup);
    const generated = Object.entries(GENERATED_FILES).map(([key, name]) => ({
      file: path.join(generatedDir, name),
      text: built.files[key as keyof typeof GENERATED_FILES],
    }));
    if (initial.write === false) {
      // Handed back in memory, like the rest of the output.
      result.outputFiles = (result.outputFiles ?? []).map((file) => {
        const patched = replaceSetupPlaceholder(
          file.text,
          relativeImport(path.relative(outDir, file.path), path.relative(outDir, setupFile)),
          // esbuild wrote its map already; the edit only moves columns after it on one line.
          { sourceMap: false },
        );
        return patched ? patchedOutput(file, patched.code) : file;
      });
      for (const { file, text } of generated)
        result.outputFiles.push(
          patchedOutput({ path: file, hash: "", contents: new Uint8Array(), text: "" }, text),
        );
      return undefined;
    }
    await mkdir(generatedDir, { recursive: true });
    await Promise.all(generated.map(({ file, text }) => writeFile(file, text)));
    for (const output of Object.keys(result.metafile.outputs)) {
      if (!/\.[cm]?js$/.test(output)) continue;
      const file = path.resolve(workingDir, output);
      const patched = replaceSetupPlaceholder(
        await readFile(file, "utf8"),
        relativeImport(path.relative(outDir, file), path.relative(outDir, setupFile)),
        { sourceMap: false },
      );
      if (patched) await writeFile(file, patched.code);
    }
    return undefined;
  });
}
