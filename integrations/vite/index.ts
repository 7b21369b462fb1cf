/**
 * `workflow/vite`: durable workflows in a Vite build. `workflow()` in the plugins; see the
 * README for the lines to add. The shared plugin is in integrations/unplugin; Vite's own hooks
 * (the dev server, and Rollup's hooks for `vite build`) are in hooks.ts.
 */
import { createVitePlugin } from "unplugin";
import { toRollupError } from "../unplugin/errors.js";
import { isServerContext } from "../unplugin/rollup-hooks.js";
import { workflowPluginFactory } from "../unplugin/unplugin.js";
import { readableBuildErrors } from "./build-errors.js";
import { createViteHooks } from "./hooks.js";

export type { WorkflowPluginOptions } from "../unplugin/options.js";

/** The workflow plugin for Vite. */
export const workflow = createVitePlugin(
  workflowPluginFactory({
    hooks: (state) => ({ vite: { ...createViteHooks(state), buildApp: readableBuildErrors } }),
    // Vite 6+ says per environment; Vite 5 passes `ssr` to the hook.
    isServer: (state, context, hookOptions) =>
      "environment" in context ? isServerContext(state, context) : hookOptions?.ssr === true,
    reportError: (context, error) =>
      (context as unknown as { error(e: unknown): never }).error(toRollupError(error)),
  }),
);
export default workflow;
