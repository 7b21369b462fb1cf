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
export { createRuntime, type Runtime, type RuntimeOptions } from "../engine/runtime.js";
export { getDefaultRuntime, setDefaultRuntime } from "../engine/default-runtime.js";
export {
  createPrebuiltBundleSource,
  useWorkflowBundles,
  type PrebuiltBundles,
} from "../engine/prebuilt-bundles.js";
export {
  createFileWorld,
  createMemoryWorld,
  createWorld,
  DataDirLockedError,
  type CreateWorldOptions,
  type FileWorldOptions,
  type World,
} from "../worlds/index.js";
