/** `workflow/runtime`: the HTTP side of the runtime, for servers and framework integrations. */
export {
  handleRequest,
  isWorkflowPath,
  matchWorkflowPath,
  type HandleRequestOptions,
} from "./handle-request.js";
export {
  sendWebResponse,
  toNodeHandler,
  toWebRequest,
  type NodeHandler,
  type NodeHandlerOptions,
  type WebHandler,
} from "./node.js";
export { RequestError, type RequestErrorCode } from "./request-error.js";
export { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_MS, signDelivery } from "./delivery.js";
export type { ErrorReporter } from "./responses.js";
export { createRuntime, type AppRuntime, type AppRuntimeOptions } from "../app/app-runtime.js";
export type { Runtime, RuntimeOptions, RuntimeService } from "../engine/runtime.js";
export { getDefaultRuntime, setDefaultRuntime } from "../engine/default-runtime.js";
export { createPrebuiltBundleSource, type PrebuiltBundles } from "../engine/prebuilt-bundles.js";
export { useWorkflowBundles } from "../app/use-workflow-bundles.js";
export {
  createFileWorld,
  createMemoryWorld,
  createWorld,
  DataDirLockedError,
  type CreateWorldOptions,
  type FileWorldOptions,
  type World,
} from "../worlds/index.js";
