/**
 * The Rollup side of the plugin (also what Vite runs when it builds): the setup import becomes
 * an external import whose path is filled in per chunk, and the generated files are emitted as
 * assets of the output, in `<output dir>/<outDir>/`.
 */
import type { Plugin, PluginContext } from "rollup";
import {
  SETUP_PLACEHOLDER,
  SETUP_SPECIFIER,
  relativeImport,
  replaceSetupPlaceholder,
} from "../shared/setup-import.js";
import { AI_ALIAS, AI_TARGET } from "../shared/ai-alias.js";
import { type PluginState } from "./state.js";
import { toRollupError } from "./errors.js";
import {
  buildWorkflowBundleFiles,
  GENERATED_FILES,
  type WorkflowBundleFiles,
} from "../bundling/write-workflow-bundles.js";

/** The id of the dev server's (empty) setup module. */
export const DEV_SETUP_ID = "\0workflow-setup";

const RESOLVED_IDS = new RegExp(`^${SETUP_SPECIFIER}$|${AI_ALIAS.source}`);
const DEV_SETUP_FILTER = new RegExp(`^${DEV_SETUP_ID}$`);

type HookContext = PluginContext & { environment?: { config: { consumer?: string } } };

/** Whether this hook runs for a server output: Vite says per environment, Rollup always is. */
export function isServerContext(state: PluginState, context: unknown): boolean {
  const environment = (context as HookContext | undefined)?.environment;
  if (environment) return environment.config.consumer === "server";
  return state.server;
}

export function createRollupHooks(state: PluginState): Partial<Plugin> {
  let built: WorkflowBundleFiles | null = null;
  const setupPath = `${state.options.outDir}/${GENERATED_FILES.setup}`;
  return {
    // Filters, so that Rollup and Vite call these hooks only for the ids they handle.
    resolveId: {
      filter: { id: RESOLVED_IDS },
      async handler(source, importer, options) {
        if (source === SETUP_SPECIFIER) {
          return state.dev ? DEV_SETUP_ID : { id: SETUP_PLACEHOLDER, external: true };
        }
        if (AI_ALIAS.test(source)) {
          const target = source.replace(AI_ALIAS, AI_TARGET);
          const resolved = await this.resolve(target, importer, { ...options, skipSelf: true });
          return resolved ?? { id: target, external: true };
        }
        return null;
      },
    },
    load: {
      filter: { id: DEV_SETUP_FILTER },
      handler(id) {
        // The dev server sets its runtime up itself (configureServer): nothing to import.
        return id === DEV_SETUP_ID ? "export {};" : null;
      },
    },
    renderChunk(code, chunk, outputOptions) {
      return replaceSetupPlaceholder(code, relativeImport(chunk.fileName, setupPath), {
        sourceMap: Boolean(outputOptions.sourcemap),
      });
    },
    // The module graph is complete here, and files can still be watched: in watch mode, a
    // step file that only workflow code imports (the app's graph does not hold it) triggers a
    // rebuild too.
    async buildEnd(error) {
      built = null;
      if (error || state.dev || !isServerContext(state, this)) return;
      const entries = await state.discovery.entries(state.root, this.getModuleIds());
      state.options.debug?.(`workflow entries: ${entries.join(", ") || "none"}`);
      if (!entries.length) return;
      try {
        built = await buildWorkflowBundleFiles({ root: state.root, entries, startOnLoad: true });
      } catch (failure) {
        return this.error(toRollupError(failure));
      }
      for (const input of built.inputs) this.addWatchFile(input);
    },
    generateBundle() {
      if (!built || !isServerContext(state, this)) return;
      for (const [key, name] of Object.entries(GENERATED_FILES)) {
        // Chunks, not assets: they are code, and Vite drops the assets of a server build.
        this.emitFile({
          type: "prebuilt-chunk",
          fileName: `${state.options.outDir}/${name}`,
          code: built.files[key as keyof typeof GENERATED_FILES],
        });
      }
    },
  };
}
