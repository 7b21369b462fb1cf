/** The bundler-independent core of the workflow plugins, for adapters and integrations. */
export { workflowPluginFactory, type BundlerAdapter } from "./unplugin.js";
export type { WorkflowPluginOptions } from "./options.js";
export {
  buildWorkflowBundleFiles,
  GENERATED_FILES,
  writeWorkflowBundles,
  type WorkflowBundleFiles,
  type WriteWorkflowBundlesOptions,
  type WrittenWorkflowBundles,
} from "../bundling/write-workflow-bundles.js";
