/**
 * A code source for apps whose bundler plugin built the workflow and step bundles ahead of
 * time: one workflow bundle that registers every workflow, one step bundle that registers
 * every step. The runtime side of what `workflow/vite`, `workflow/webpack`, `workflow/rollup`,
 * `workflow/esbuild` and `workflow/next` generate; it needs no compiler and no bundler.
 */
import { getStepFunction, type StepFunction } from "../internal/private.js";
import type { BundleSource } from "./context.js";
import type { WorkflowBundle } from "./session.js";

export interface PrebuiltBundles {
  /** The workflow bundle (a script for the sandbox), or a loader of it. */
  workflowBundle: WorkflowBundle | (() => Promise<WorkflowBundle>);
  /** Loads (imports) the step bundle, which registers every step as it loads. */
  loadSteps: () => Promise<unknown>;
  /**
   * Which build of the bundles is current, asked before each use: when the answer changes,
   * both bundles are loaded again (a dev server that rebuilds them on change). Runs already
   * going keep the code they started with while their sandbox lives.
   * @default the bundles loaded first are kept
   */
  revision?: () => string;
}

export function createPrebuiltBundleSource(bundles: PrebuiltBundles): BundleSource {
  let loaded: {
    revision: string | undefined;
    workflow?: Promise<WorkflowBundle>;
    steps?: Promise<unknown>;
  } = { revision: bundles.revision?.() };
  const current = () => {
    const revision = bundles.revision?.();
    if (revision !== loaded.revision) loaded = { revision };
    return loaded;
  };
  return {
    getWorkflowBundle() {
      const now = current();
      now.workflow ??= Promise.resolve(
        typeof bundles.workflowBundle === "function"
          ? bundles.workflowBundle()
          : bundles.workflowBundle,
      );
      return now.workflow;
    },
    async getStep(stepName: string): Promise<StepFunction | undefined> {
      const now = current();
      now.steps ??= bundles.loadSteps();
      await now.steps;
      return getStepFunction(stepName);
    },
  };
}
