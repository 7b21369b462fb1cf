/**
 * `workflow/rollup`: durable workflows in a Rollup build. `workflow()` in the plugins; see the
 * README for the lines to add. The shared plugin is in integrations/unplugin, with the Rollup
 * hooks that Vite's build runs too (unplugin/rollup-hooks.ts).
 */
import { createRollupPlugin } from "unplugin";
import { toRollupError } from "../unplugin/errors.js";
import { createRollupHooks } from "../unplugin/rollup-hooks.js";
import { workflowPluginFactory } from "../unplugin/unplugin.js";

export type { WorkflowPluginOptions } from "../unplugin/options.js";

/** The workflow plugin for Rollup. */
export const workflow = createRollupPlugin(
  workflowPluginFactory({
    hooks: (state) => ({ rollup: createRollupHooks(state) }),
    reportError: (context, error) =>
      (context as unknown as { error(e: unknown): never }).error(toRollupError(error)),
  }),
);
export default workflow;
