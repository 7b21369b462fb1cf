/** `resumeWebhook` of `workflow/api`: delivers an HTTP request to a webhook and answers it. */
import { decodeHookMetadata, toResponse } from "../engine/hook-metadata.js";
import type { Runtime } from "../engine/runtime.js";
import { HookNotFoundError } from "../errors/index.js";
import { readBody } from "../http/read-body.js";
import { serialize } from "../serialization/index.js";
import { WebhookRequest } from "../workflow/webhook-request.js";
import { deliverHookPayload, requireHook } from "./hooks.js";
import { resolveRuntime } from "./start.js";
import { openResponseChannel } from "./webhook-responses.js";

export interface ResumeWebhookOptions {
  /** @default the process's default runtime */
  runtime?: Runtime;
  /** Larger bodies are refused with a RequestError (413), writing nothing. @default 1 MiB */
  maxBodyBytes?: number;
  /** How long the caller of a `"manual"` webhook waits for a step's response. @default 30000 */
  responseTimeoutMs?: number;
}

/**
 * Delivers `request` to the webhook holding `token` and returns what its caller should get:
 * 202 with an empty body, the webhook's static `respondWith` Response, or, for
 * `respondWith: "manual"`, the Response a step passes to `request.respondWith()`.
 * Rejects with HookNotFoundError for a token no live webhook holds (plain hooks included).
 */
export async function resumeWebhook(
  token: string,
  request: Request,
  options: ResumeWebhookOptions = {},
): Promise<Response> {
  const runtime = await resolveRuntime(options.runtime);
  const hook = await requireHook(runtime, token);
  if (!hook.isWebhook) throw new HookNotFoundError(token);
  const { respondWith } = decodeHookMetadata(hook.metadata, true);
  const body = await readBody(request, options.maxBodyBytes);
  const channel =
    respondWith === "manual"
      ? openResponseChannel(runtime, hook.runId, token, options.responseTimeoutMs)
      : null;
  try {
    const delivered = new WebhookRequest({
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body,
      ...(channel ? { responseId: channel.id } : {}),
    });
    const payload = serialize(delivered, {
      operation: `request to webhook ${JSON.stringify(token)}`,
    });
    await deliverHookPayload(runtime, hook, payload);
  } catch (error) {
    channel?.close();
    throw error;
  }
  if (channel) return channel.response;
  return typeof respondWith === "object"
    ? toResponse(respondWith)
    : new Response(null, { status: 202 });
}
