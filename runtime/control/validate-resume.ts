/**
 * The payload `wf resume` (or the dashboard) sends, checked like `paymentHook.resume()` checks
 * it: with the schema of the defineHook() definition the hook was created from, when the hook
 * names one (runtime/engine/hook-metadata.ts). The definition is found in this process's
 * registry (runtime/workflow/hook-registry.ts), which the modules that call defineHook() fill
 * as they load; when none has, the step code of the definition's module is loaded through the
 * runtime's bundles (an app built with the plugins can do so; a module the app never imports,
 * or `wf` acting without the app, cannot), and if that does not define it either, the payload
 * goes through unvalidated, with a note saying so.
 */
import { makeId, parseId } from "../../protocol/ids.js";
import { requireHook, resumeHook } from "../api/hooks.js";
import type { Runtime } from "../engine/runtime.js";
import { decodeHookMetadata } from "../engine/hook-metadata.js";
import { validateHookPayload } from "../workflow/define-hook.js";
import { getHookDefinition, type RegisteredHookDefinition } from "../workflow/hook-registry.js";
import type { HookState } from "../worlds/shared/state/types.js";

/** The value to resume with (the schema's output), and a note when it was not validated. */
export interface CheckedPayload {
  value: unknown;
  note?: string;
}

/**
 * Resumes the hook of `token` with `payload` as its definition's schema outputs it; what
 * `wf resume` and the dashboard do. Throws HookPayloadInvalidError, writing nothing, when the
 * schema rejects the payload.
 */
export async function resumeWithDefinition(
  runtime: Runtime,
  token: string,
  payload: unknown,
): Promise<{ runId: string; note?: string }> {
  const hook = await requireHook(runtime, token);
  const { value, note } = await validateResumePayload(runtime, hook, payload);
  const resumed = await resumeHook(token, value, { runtime });
  return { runId: resumed.runId, ...(note ? { note } : {}) };
}

/** Throws HookPayloadInvalidError (nothing written) when the definition's schema rejects it. */
export async function validateResumePayload(
  runtime: Runtime,
  hook: HookState,
  payload: unknown,
): Promise<CheckedPayload> {
  const { definition } = decodeHookMetadata(hook.metadata, hook.isWebhook);
  if (definition === undefined) return { value: payload };
  const loaded = getHookDefinition(definition) ?? (await loadDefinition(runtime, definition));
  if (!loaded)
    return {
      value: payload,
      note:
        `The payload was not validated: hook ${JSON.stringify(hook.token)} comes from ${definition}, ` +
        `which this process has not loaded (the app defines it in a module it has not imported, or no app is running). ` +
        `Resume it with ${shortName(definition)}.resume(token, payload) in the app to validate.`,
    };
  return { value: await validateHookPayload(loaded.schema, hook.token, payload) };
}

/** Asks the runtime's bundles for the step code of the definition's module, which defines it. */
async function loadDefinition(
  runtime: Runtime,
  definition: string,
): Promise<RegisteredHookDefinition | undefined> {
  const parsed = parseId(definition);
  if (!parsed) return undefined;
  try {
    await runtime.bundles.getStep(makeId("step", parsed.modulePath, "~hookDefinition"));
  } catch {
    return undefined; // no step code for that module: the caller says the payload went unchecked
  }
  return getHookDefinition(definition);
}

function shortName(definition: string): string {
  return parseId(definition)?.name ?? definition;
}
