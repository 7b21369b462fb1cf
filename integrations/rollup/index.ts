/**
 * `workflow/rollup`: durable workflows in a Rollup build. `workflow()` in the plugins; see the
 * README for the lines to add. All the logic is the shared plugin in integrations/unplugin.
 */
import { workflowUnplugin } from "../unplugin/unplugin.js";

export type { WorkflowPluginOptions } from "../unplugin/options.js";

/** The workflow plugin for Rollup. */
export const workflow = workflowUnplugin.rollup;
export default workflow;
