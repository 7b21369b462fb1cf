/**
 * `workflow/esbuild`: durable workflows in an esbuild build. `workflow()` in the plugins; see
 * the README for the lines to add. The shared plugin is in integrations/unplugin; esbuild's
 * own hooks are in hooks.ts.
 */
import { createEsbuildPlugin } from "unplugin";
import { workflowPluginFactory } from "../unplugin/unplugin.js";
import { toEsbuildMessages } from "./errors.js";
import { setupEsbuildHooks } from "./hooks.js";

export type { WorkflowPluginOptions } from "../unplugin/options.js";

/** The workflow plugin for esbuild. */
export const workflow = createEsbuildPlugin(
  workflowPluginFactory({
    hooks: (state) => ({
      esbuild: {
        onLoadFilter: /\.[cm]?[jt]sx?$/,
        setup: (build) => setupEsbuildHooks(state, build),
      },
    }),
    reportError: (context, error, code) => {
      // unplugin's esbuild adapter returns collected errors only along with code.
      for (const m of toEsbuildMessages(error))
        context.error({
          message: m.text ?? "",
          ...(m.location ? { loc: m.location } : {}),
        } as never);
      return { code, map: null, found: false };
    },
  }),
);
export default workflow;
