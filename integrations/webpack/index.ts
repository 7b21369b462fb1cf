/**
 * `workflow/webpack`: durable workflows in a webpack build. `workflow()` in the plugins; see the
 * README for the lines to add. All the logic is the shared plugin in integrations/core.
 */
import { workflowUnplugin } from "../core/unplugin.js";

export type { WorkflowPluginOptions } from "../core/options.js";

/** The workflow plugin for webpack. */
export const workflow = workflowUnplugin.webpack;
export default workflow;
