/**
 * `workflow/vite`: durable workflows in a Vite build. `workflow()` in the plugins; see the
 * README for the lines to add. All the logic is the shared plugin in integrations/unplugin.
 */
import { workflowUnplugin } from "../unplugin/unplugin.js";

export type { WorkflowPluginOptions } from "../unplugin/options.js";

/** The workflow plugin for Vite. */
export const workflow = workflowUnplugin.vite;
export default workflow;
