/**
 * The one plugin behind `workflow/vite`, `workflow/webpack`, `workflow/rollup` and
 * `workflow/esbuild` (each a line that picks its bundler from this factory):
 * - the client transform of every JS/TS module the bundler bundles, packages included: IDs
 *   stamped on workflows and steps, workflows made to throw when called without `start()`,
 *   directive mistakes reported as build errors with file, line, column and code frame;
 * - discovery: each module that defines workflows or steps is recorded as it passes through
 *   the transform (plus the `workflows` option);
 * - at the end of a server build, one workflow bundle and one step bundle over the discovered
 *   modules, written next to the output with a setup module that the output imports before
 *   its first `start()` (setup-import.ts); in `vite dev`, bundles built on demand instead;
 * - `@workflow/ai` resolved as `workflow/ai`.
 */
import path from "node:path";
import { createUnplugin, type UnpluginBuildContext, type UnpluginContext } from "unplugin";
import { mayNeedTransform } from "../../compiler/directives.js";
import { clientTransform, type ClientTransformResult } from "./client-transform.js";
import { createDiscovery } from "../bundling/discovery.js";
import { toEsbuildMessages, toRollupError } from "./errors.js";
import { setupEsbuildHooks } from "./esbuild-hooks.js";
import { normalizeOptions, type WorkflowPluginOptions } from "./options.js";
import { createRollupHooks, isServerContext } from "./rollup-hooks.js";
import { stripQuery, type PluginState } from "./state.js";
import { createViteHooks } from "./vite-hooks.js";
import { applyWebpackHooks } from "./webpack-hooks.js";

/** JavaScript and TypeScript modules, with or without a query (`?v=...`). */
const SCRIPT_ID = /\.[cm]?[jt]sx?(?:\?.*)?$/;
/** Not files of the app: virtual modules, and routes that integrations generate. */
const NOT_APP_CODE = [
  /^\0/,
  /^virtual:/,
  /[\\/]\.well-known[\\/]workflow[\\/]/,
  /\.d\.[cm]?ts(?:\?|$)/,
];
/**
 * A module without any of these words cannot hold a directive, a near-miss of one (which must
 * reach the transform to be reported), or a serializable class; bundlers that filter natively
 * never hand it to the plugin.
 */
const MAY_HOLD_DIRECTIVES = /use|step|workflow|serializ/i;

/** This package's compiled files: never user code, though they mention directives in messages. */
const OWN_DIST = path.resolve(import.meta.dirname, "../..") + path.sep;
const isOwnFile = (file: string) =>
  path.basename(OWN_DIST) === "dist" && path.resolve(file).startsWith(OWN_DIST);

type TransformContext = UnpluginBuildContext & UnpluginContext;

export const workflowUnplugin = createUnplugin<WorkflowPluginOptions | undefined>((raw, meta) => {
  const options = normalizeOptions(raw);
  const state: PluginState = {
    options,
    root: path.resolve(options.root ?? process.cwd()),
    server: true,
    dev: false,
    discovery: createDiscovery(options.workflows),
  };

  async function transform(
    this: TransformContext,
    code: string,
    id: string,
    viteOptions?: { ssr?: boolean },
  ): Promise<ClientTransformResult | undefined> {
    const file = stripQuery(id);
    if (isOwnFile(file) || !mayNeedTransform(code)) return undefined;
    // Vite 6+ says per environment; Vite 5 passes `ssr` to the hook.
    const server =
      meta.framework !== "vite"
        ? state.server
        : "environment" in this
          ? isServerContext(state, this)
          : viteOptions?.ssr === true;
    try {
      const result = await clientTransform(code, file, state.root, { injectSetup: server });
      state.discovery.record(file, result?.found ?? false);
      if (result?.found) options.debug?.(`found workflow code in ${file}`);
      return result ?? undefined;
    } catch (error) {
      // A dev server hands the error to whoever loads the module, which may not print it.
      state.onDevError?.(error, file);
      // Each bundler reports errors its own way (errors.ts).
      if (meta.framework === "rollup" || meta.framework === "vite")
        (this as unknown as { error(e: unknown): never }).error(toRollupError(error));
      if (meta.framework === "esbuild") {
        // unplugin's esbuild adapter returns collected errors only along with code.
        for (const m of toEsbuildMessages(error))
          this.error({
            message: m.text ?? "",
            ...(m.location ? { loc: m.location } : {}),
          } as never);
        return { code, map: null, found: false };
      }
      throw error;
    }
  }

  const rollupHooks = createRollupHooks(state);
  return {
    name: "workflow:directives",
    enforce: "pre",
    transform: {
      filter: { id: { include: SCRIPT_ID, exclude: NOT_APP_CODE }, code: MAY_HOLD_DIRECTIVES },
      handler: transform,
    },
    rollup: rollupHooks,
    vite: createViteHooks(state),
    webpack: (compiler) => applyWebpackHooks(state, compiler),
    esbuild: {
      onLoadFilter: /\.[cm]?[jt]sx?$/,
      setup: (build) => setupEsbuildHooks(state, build),
    },
  };
});
