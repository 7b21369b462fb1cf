/** `resumeHook` and `getHookByToken` of `workflow/api`. */
import { decodeHookMetadata } from "../engine/hook-metadata.js";
import type { Runtime } from "../engine/runtime.js";
import { HookNotFoundError } from "../errors/index.js";
import { serialize } from "../serialization/index.js";
import type { HookState } from "../worlds/shared/state/types.js";
import { WorldError } from "../worlds/shared/world-error.js";
import { resolveRuntime } from "./start.js";
import { queueKeys } from "../worlds/shared/world.js";

/** A live hook, as `getHookByToken` and `resumeHook` report it. */
export interface HookInfo {
  /** The run the hook belongs to. */
  runId: string;
  hookId: string;
  token: string;
  /** The `metadata` the workflow passed to createHook()/createWebhook(). */
  metadata: unknown;
  /** True for hooks made by createWebhook(). */
  isWebhook: boolean;
  createdAt: Date;
}

export interface HookApiOptions {
  /** @default the process's default runtime (set by `workflow/register` or a bundler plugin) */
  runtime?: Runtime;
}

function toHookInfo(hook: HookState & { runId: string }): HookInfo {
  return {
    runId: hook.runId,
    hookId: hook.hookId,
    token: hook.token,
    metadata: decodeHookMetadata(hook.metadata, hook.isWebhook).metadata,
    isWebhook: hook.isWebhook,
    createdAt: new Date(hook.createdAt),
  };
}

/** The live hook that holds `token`, or null (unknown token, disposed hook, ended run). */
export async function getHookByToken(
  token: string,
  options: HookApiOptions = {},
): Promise<HookInfo | null> {
  if (typeof token !== "string" || token === "") return null;
  const runtime = await resolveRuntime(options.runtime);
  const hook = await runtime.world.getHookByToken(token);
  return hook ? toHookInfo(hook) : null;
}

/** The live hook of `token` as stored; HookNotFoundError when there is none. */
export async function requireHook(runtime: Runtime, token: string) {
  const hook =
    typeof token === "string" && token !== "" ? await runtime.world.getHookByToken(token) : null;
  if (!hook) throw new HookNotFoundError(String(token));
  return hook;
}

/**
 * Records `payload` (already serialized) for a hook and wakes its run. A hook that went away
 * in the meantime (disposed, run ended) is HookNotFoundError: nothing was written.
 */
export async function deliverHookPayload(
  runtime: Runtime,
  hook: HookState & { runId: string },
  payload: string,
): Promise<void> {
  try {
    await runtime.append(hook.runId, [
      { type: "hook_received", correlationId: hook.hookId, data: { payload } },
    ]);
  } catch (error) {
    if (WorldError.is(error, "NOT_FOUND") || WorldError.is(error, "RUN_TERMINAL"))
      throw new HookNotFoundError(hook.token);
    throw error;
  }
  await runtime.world.queue.enqueue(
    { kind: "workflow", runId: hook.runId },
    { key: queueKeys.workflow(hook.runId) },
  );
}

/**
 * Sends `payload` to the hook holding `token` and resumes its run. Rejects with
 * HookNotFoundError (naming the token) when no live hook holds it; then nothing is written.
 * Call it outside workflows (API routes, scripts).
 */
export async function resumeHook<T = unknown>(
  token: string,
  payload: T,
  options: HookApiOptions = {},
): Promise<HookInfo> {
  const runtime = await resolveRuntime(options.runtime);
  const hook = await requireHook(runtime, token);
  const text = serialize(payload, {
    operation: `payload of hook ${JSON.stringify(token)}`,
    root: "payload",
  });
  await deliverHookPayload(runtime, hook, text);
  return toHookInfo(hook);
}
