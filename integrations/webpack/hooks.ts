/**
 * The webpack side of the plugin. The client transform runs as unplugin's loader; here:
 * - the setup import is an external (`require` or `import`, as the output is), whose path is
 *   filled in per output file; so is `workflow` itself;
 * - the generated files are emitted as assets in `<output.path>/<outDir>/`; a failure to build
 *   them is a compilation error with the user's file, line, column and code frame;
 * - `@workflow/ai` is rewritten to `workflow/ai`.
 */
import path from "node:path";
import type { Compilation, Compiler } from "webpack";
import { BundleBuildError } from "../bundling/build-bundles.js";
import { SETUP_PLACEHOLDER, SETUP_SPECIFIER, relativeImport } from "../shared/setup-import.js";
import { AI_ALIAS, AI_TARGET } from "../shared/ai-alias.js";
import { stripQuery, type PluginState } from "../unplugin/state.js";
import { buildWorkflowBundleFiles, GENERATED_FILES } from "../bundling/write-workflow-bundles.js";

const NAME = "workflow:directives";
const SCRIPT = /\.[cm]?js$/;
const WORKFLOW_PACKAGE = /^workflow(?:\/|$)/;

function isNodeTarget(compiler: Compiler): boolean {
  const { target, externalsPresets } = compiler.options;
  if (externalsPresets.node) return true;
  const targets = Array.isArray(target) ? target : [target];
  return targets.some((t) => typeof t === "string" && /node|electron-main/.test(t));
}

/** The files of this compilation's module graph, for discovery. */
function graphFiles(compilation: Compilation): string[] {
  const files: string[] = [];
  for (const module of compilation.modules) {
    const resource = (module as { resource?: string }).resource;
    if (resource) files.push(stripQuery(resource));
  }
  return files;
}

export function applyWebpackHooks(state: PluginState, compiler: Compiler): void {
  const { webpack } = compiler;
  state.root = state.options.root ? path.resolve(state.options.root) : compiler.context;
  new webpack.NormalModuleReplacementPlugin(AI_ALIAS, (resource: { request: string }) => {
    resource.request = resource.request.replace(AI_ALIAS, AI_TARGET);
  }).apply(compiler);

  // The target (and its defaults) is known once the environment is set up, not when the
  // plugin is applied.
  compiler.hooks.environment.tap(NAME, () => {
    state.server = isNodeTarget(compiler);
    if (!state.server) return;
    const type = compiler.options.output.module ? "module" : "commonjs";
    new webpack.ExternalsPlugin(type, [
      { [SETUP_SPECIFIER]: SETUP_PLACEHOLDER },
      // One copy of the runtime for the server output and the generated bundles, which import
      // `workflow` from node_modules (a `require` of it loads its ES modules: Node >= 20.19).
      WORKFLOW_PACKAGE,
    ]).apply(compiler);
  });

  compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
    if (!state.server) return;
    compilation.hooks.processAssets.tapPromise(
      { name: NAME, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
      async () => {
        // A module that failed (a directive mistake) is reported already.
        if (compilation.errors.length) return;
        // With a persistent cache, webpack skips the loader of unchanged modules: those are
        // read to find out (once per process).
        const entries = await state.discovery.entries(state.root, graphFiles(compilation), {
          checkUnknown: true,
        });
        state.options.debug?.(`workflow entries: ${entries.join(", ") || "none"}`);
        if (!entries.length) return;
        let built;
        try {
          built = await buildWorkflowBundleFiles({ root: state.root, entries, startOnLoad: true });
        } catch (error) {
          const message = error instanceof BundleBuildError ? error.message : String(error);
          compilation.errors.push(new webpack.WebpackError(message));
          return;
        }
        for (const input of built.inputs) compilation.fileDependencies.add(input);
        for (const [key, name] of Object.entries(GENERATED_FILES)) {
          compilation.emitAsset(
            `${state.options.outDir}/${name}`,
            new webpack.sources.RawSource(built.files[key as keyof typeof GENERATED_FILES]),
            // Already what Node runs: the minimizer leaves them as they are.
            { minimized: true, javascriptModule: true },
          );
        }
        const setupPath = `${state.options.outDir}/${GENERATED_FILES.setup}`;
        for (const asset of compilation.getAssets()) {
          if (!SCRIPT.test(asset.name) || asset.name.startsWith(`${state.options.outDir}/`))
            continue;
          const text = asset.source.source().toString();
          if (!text.includes(SETUP_PLACEHOLDER)) continue;
          const replaced = new webpack.sources.ReplaceSource(asset.source);
          const importPath = relativeImport(asset.name, setupPath);
          for (
            let at = text.indexOf(SETUP_PLACEHOLDER);
            at !== -1;
            at = text.indexOf(SETUP_PLACEHOLDER, at + 1)
          )
            replaced.replace(at, at + SETUP_PLACEHOLDER.length - 1, importPath);
          compilation.updateAsset(asset.name, replaced);
        }
      },
    );
  });
}
