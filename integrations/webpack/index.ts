/**
 * `workflow/webpack`: durable workflows in a webpack build. `workflow()` in the plugins; see the
 * README for the lines to add. The shared plugin is in integrations/unplugin; webpack's own
 * hooks are in hooks.ts.
 */
import { createWebpackPlugin } from "unplugin";
import { workflowPluginFactory } from "../unplugin/unplugin.js";
import { applyWebpackHooks } from "./hooks.js";

export type { WorkflowPluginOptions } from "../unplugin/options.js";

/** The workflow plugin for webpack. */
export const workflow = createWebpackPlugin(
  workflowPluginFactory({
    hooks: (state) => ({ webpack: (compiler) => applyWebpackHooks(state, compiler) }),
    // unplugin's loader turns a thrown error into a module build error.
    reportError: (_context, error) => {
      throw error;
    },
  }),
);
export default workflow;
