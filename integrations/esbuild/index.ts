/**
 * `workflow/esbuild`: durable workflows in a esbuild build. `workflow()` in the plugins; see the
 * README for the lines to add. All the logic is the shared plugin in integrations/core.
 */
import { workflowUnplugin } from "../core/unplugin.js";

export type { WorkflowPluginOptions } from "../core/options.js";

/** The workflow plugin for esbuild. */
export const workflow = workflowUnplugin.esbuild;
export default workflow;
