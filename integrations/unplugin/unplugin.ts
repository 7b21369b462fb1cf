/**
 * The one plugin behind `workflow/vite`, `workflow/webpack`, `workflow/rollup` and
 * `workflow/esbuild`:
 * - the client transform of every JS/TS module the bundler bundles, packages included: IDs
 *   stamped on workflows and steps, workflows made to throw when called without `start()`,
 *   directive mistakes reported as build errors with file, line, column and code frame;
 * - discovery: each module that defines workflows or steps is recorded as it passes through
 *   the transform (plus the `workflows` option);
 * - at the end of a server build, one workflow bundle and one step bundle over the discovered
 *   modules, written next to the output with a setup module that the output imports before
 *   its first `start()` (setup-import.ts); in `vite dev`, bundles built on demand instead;
 * - `@workflow/ai` resolved as `workflow/ai`.
 *
 * This folder knows no bundler. Each bundler's folder (vite/, rollup/, webpack/, esbuild/)
 * owns its hooks and hands them here as a `BundlerAdapter`; its index.ts passes the factory
 * to unplugin's `createVitePlugin` (or the webpack, Rollup, esbuild one). So imports point one
 * way: a bundler folder -> unplugin/ -> bundling/ -> shared/.
 */
import path from "node:path";
import type {
  UnpluginBuildContext,
  UnpluginContext,
  UnpluginFactory,
  UnpluginOptions,
} from "unplugin";
import { createDiscovery } from "../bundling/discovery.js";
import { clientTransform, type ClientTransformResult } from "./client-transform.js";
import { normalizeOptions, type WorkflowPluginOptions } from "./options.js";
import { stripQuery, type PluginState } from "./state.js";

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
 * A coarse filter for bundlers that filter natively (they never hand other modules to the
 * plugin): a module without any of these words can neither need the compiler (a directive, a
 * near-miss of one, a serializable class) nor the setup import (`workflow/api`). The exact
 * decisions are clientTransform's (shared/compile-module.ts, shared/setup-import.ts).
 */
const MAY_NEED_PLUGIN = /use|step|workflow|serializ/i;

/** `this` in the transform hook. */
export type TransformContext = UnpluginBuildContext & UnpluginContext;

/** The bundler-specific part of the plugin, which each bundler's folder provides. */
export interface BundlerAdapter {
  /** The bundler's own hooks (unplugin's `vite`, `rollup`, `webpack` or `esbuild` key). */
  hooks(state: PluginState): Pick<UnpluginOptions, "vite" | "rollup" | "webpack" | "esbuild">;
  /**
   * Whether this transform call builds server code (only server code gets the setup import).
   * @default the build's `state.server`
   */
  isServer?(
    state: PluginState,
    context: TransformContext,
    hookOptions?: { ssr?: boolean },
  ): boolean;
  /**
   * Reports a failed transform the bundler's way: throws, or reports and returns what the
   * transform hook then returns.
   */
  reportError(
    context: TransformContext,
    error: unknown,
    code: string,
  ): ClientTransformResult | undefined;
}

/** The unplugin factory of the workflow plugin for one bundler. */
export function workflowPluginFactory(
  adapter: BundlerAdapter,
): UnpluginFactory<WorkflowPluginOptions | undefined, false> {
  return (raw) => {
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
      hookOptions?: { ssr?: boolean },
    ): Promise<ClientTransformResult | undefined> {
      const file = stripQuery(id);
      const server = adapter.isServer ? adapter.isServer(state, this, hookOptions) : state.server;
      try {
        const result = await clientTransform(code, file, state.root, { injectSetup: server });
        state.discovery.record(file, result?.found ?? false);
        if (result?.found) options.debug?.(`found workflow code in ${file}`);
        return result ?? undefined;
      } catch (error) {
        // A dev server hands the error to whoever loads the module, which may not print it.
        state.onDevError?.(error, file);
        return adapter.reportError(this, error, code);
      }
    }

    return {
      name: "workflow:directives",
      enforce: "pre",
      transform: {
        filter: { id: { include: SCRIPT_ID, exclude: NOT_APP_CODE }, code: MAY_NEED_PLUGIN },
        handler: transform,
      },
      ...adapter.hooks(state),
    };
  };
}
