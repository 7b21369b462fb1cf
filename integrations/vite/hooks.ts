/**
 * The Vite side of the plugin. `vite build` runs the Rollup hooks (rollup-hooks.ts) for its
 * server environment. `vite dev` needs no build: the dev server answers the workflow routes
 * itself, builds a workflow's bundles when a run first needs them, and rebuilds them after a
 * file they came from changes, so the next run uses the new code without a restart.
 */
import path from "node:path";
import type { Plugin, ResolvedConfig, ViteDevServer } from "vite";
import { getDefaultRuntime, setDefaultRuntime } from "../../runtime/engine/default-runtime.js";
import { createRuntime } from "../../runtime/app/app-runtime.js";
import type { Runtime } from "../../runtime/engine/runtime.js";
import { handleRequest, isWorkflowPath } from "../../runtime/http/handle-request.js";
import { toNodeHandler } from "../../runtime/http/node.js";
import { createWorld } from "../../runtime/worlds/index.js";
import { createDevBundleSource } from "../bundling/dev-bundle-source.js";
import { createRollupHooks } from "../unplugin/rollup-hooks.js";
import { createDevErrorLog, createDevUrl } from "./dev-server.js";
import { AI_ALIAS, AI_TARGET } from "../shared/ai-alias.js";
import { type PluginState } from "../unplugin/state.js";

export function createViteHooks(state: PluginState): Partial<Plugin> {
  let runtime: Runtime | undefined;
  return {
    ...(createRollupHooks(state) as Partial<Plugin>),
    config() {
      return {
        resolve: { alias: [{ find: AI_ALIAS, replacement: AI_TARGET }] },
        // One copy of the runtime for the server output and the generated bundles, also when
        // `workflow` is linked (a monorepo, a local checkout), which Vite would inline.
        ssr: { external: ["workflow"] },
      };
    },
    configResolved(config: ResolvedConfig) {
      state.root = state.options.root ? path.resolve(state.options.root) : config.root;
      state.dev = config.command === "serve";
    },
    configureServer(server: ViteDevServer) {
      const errors = createDevErrorLog(server.config.logger, state.root);
      state.onDevError = (error, file) => errors.report(error, file);
      const bundles = createDevBundleSource({
        root: state.root,
        cacheDir: path.join(server.config.cacheDir, "workflow"),
        debug: state.options.debug,
        onError: (error, entry) => errors.report(error, entry),
      });
      server.watcher.on("all", (_event: string, file: string) => {
        bundles.invalidate(file);
        errors.forget(file);
      });
      // Webhook URLs and getWorkflowMetadata().url point at this server, not at PORT or 3000.
      const url = createDevUrl(server);
      setDefaultRuntime(
        () => (runtime = createRuntime({ world: createWorld(), bundles, url: url.get })),
      );
      // In front of the app's own middlewares (and of Vite's fallback to index.html).
      // The routes live under the app's `base` (they match from the start of the path).
      const basePath = server.config.base.startsWith("/") ? server.config.base : "";
      const workflowRoutes = toNodeHandler((request) => handleRequest(request, { basePath }), {
        match: (pathname) => isWorkflowPath(pathname, basePath),
      });
      server.middlewares.use((req, res, next) => {
        url.observe(req);
        void workflowRoutes(req, res, next);
      });
    },
    async closeBundle() {
      // The dev server is closing: stop the runtime it started, so that the process can exit.
      if (!state.dev || !runtime) return;
      const current = runtime;
      runtime = undefined;
      if ((await getDefaultRuntime()) === current) setDefaultRuntime(undefined);
      await current.close();
    },
  };
}
