/**
 * Steps the runtime itself provides, under `__builtin` IDs: the engine runs them on the host,
 * with no step bundle. `fetch` from "workflow" is one; `DurableAgent`'s model calls are others
 * (loaded when first used, since they need the optional `ai` package).
 */
import type { StepFunction } from "../internal/private.js";
import {
  AI_MODEL_CALL_STEP_ID,
  AI_WRITE_CHUNKS_STEP_ID,
  FETCH_STEP_ID,
} from "../workflow/builtin-step-ids.js";
import { FetchResponse } from "../workflow/fetch-response.js";
import type { BundleSource } from "./context.js";

/** Performs the request and records the whole response, so the workflow can read it on replay. */
async function fetchStep(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<FetchResponse> {
  const response = await globalThis.fetch(input, init);
  const body = response.body === null ? null : new Uint8Array(await response.arrayBuffer());
  return new FetchResponse({
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    redirected: response.redirected,
    type: response.type,
    body,
  });
}

/** A step whose module is imported at its first call. */
function lazyStep(load: () => Promise<(...args: any[]) => unknown>): StepFunction {
  let loaded: Promise<(...args: any[]) => unknown> | undefined;
  return async (...args: unknown[]) => (await (loaded ??= load()))(...args);
}

export const BUILTIN_STEPS: ReadonlyMap<string, StepFunction> = new Map<string, StepFunction>([
  [FETCH_STEP_ID, fetchStep as StepFunction],
  [
    AI_MODEL_CALL_STEP_ID,
    lazyStep(() => import("../ai/host-steps.js").then((steps) => steps.modelCallStep)),
  ],
  [
    AI_WRITE_CHUNKS_STEP_ID,
    lazyStep(() => import("../ai/host-steps.js").then((steps) => steps.writeChunksStep)),
  ],
]);

/** `bundles`, answering the built-in step IDs itself. */
export function withBuiltinSteps(bundles: BundleSource): BundleSource {
  return {
    getWorkflowBundle: (workflowName) => bundles.getWorkflowBundle(workflowName),
    getStep: async (stepName) => BUILTIN_STEPS.get(stepName) ?? bundles.getStep(stepName),
  };
}
