/** `resumeWebhook` of `workflow/api`: delivers an HTTP request to a webhook and answers it. */
import { decodeHookMetadata, toResponse } from "../engine/hook-metadata.js";
import type { Runtime } from "../engine/runtime.js";
import { HookNotFoundError } from "../errors/index.js";
import { readBody } from "../http/read-body.js";
import { RequestError } from "../http/request-error.js";
import { serialize } from "../serialization/index.js";
import type { WebhookRateLimit } from "../workflow/hooks.js";
import { WebhookRequest } from "../workflow/webhook-request.js";
import { deliverHookPayload, requireHook } from "./hooks.js";
import { resolveRuntime } from "./start.js";
import { holdHeaders, redactHeaders } from "./webhook-headers.js";
import { DEFAULT_WEBHOOK_RATE_LIMIT, getRateLimiter } from "./webhook-rate-limit.js";
import { openResponseChannel } from "./webhook-responses.js";

export interface ResumeWebhookOptions {
  /** @default the process's default runtime */
  runtime?: Runtime;
  /**
   * Larger bodies are refused with a RequestError (413), writing nothing. A webhook created
   * with its own `maxBodyBytes` uses that instead.
   * @default 1 MiB
   */
  maxBodyBytes?: number;
  /**
   * Requests per token past it are refused with a RequestError (429, `Retry-After`), writing
   * nothing; counted by the world across its processes (Postgres), else in this process. A webhook created with its own `rateLimit` uses that
   * instead. `false`: no limit for webhooks that set none.
   * @default 60 a minute
   */
  rateLimit?: WebhookRateLimit | false;
  /** How long the caller of a `"manual"` webhook waits for a step's response. @default 30000 */
  responseTimeoutMs?: number;
}

/**
 * Delivers `request` to the webhook holding `token` and returns what its caller should get:
 * 202 with an empty body, the webhook's static `respondWith` Response, or, for
 * `respondWith: "manual"`, the Response a step passes to `request.respondWith()`.
 * Rejects with HookNotFoundError for a token no live webhook holds (plain hooks included), and
 * with a RequestError (429, 413) for a request over the webhook's limits.
 * Sensitive headers are stored `[redacted]` (see `webhook-headers.ts`).
 */
export async function resumeWebhook(
  token: string,
  request: Request,
  options: ResumeWebhookOptions = {},
): Promise<Response> {
  const runtime = await resolveRuntime(options.runtime);
  const hook = await requireHook(runtime, token);
  if (!hook.isWebhook) throw new HookNotFoundError(token);
  const config = decodeHookMetadata(hook.metadata, true);
  // Counted before the body is read: a flood of large bodies costs no more than small ones.
  const rate = config.rateLimit ?? options.rateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT;
  if (rate) {
    const { world } = runtime;
    const windowMs = rate.windowMs ?? DEFAULT_WEBHOOK_RATE_LIMIT.windowMs;
    // A world shared by many processes counts for all of them; otherwise this process counts.
    const wait = world.takeRequest
      ? await world.takeRequest(token, { limit: rate.limit, windowMs })
      : getRateLimiter(runtime).take(token, rate);
    if (wait > 0) throw tooManyRequests(rate, wait);
  }
  const body = await readBody(request, config.maxBodyBytes ?? options.maxBodyBytes);
  const { stored, held } = redactHeaders(request.headers, config.keepHeaders);
  const channel =
    config.respondWith === "manual"
      ? openResponseChannel(runtime, hook.runId, options.responseTimeoutMs)
      : null;
  try {
    const delivered = new WebhookRequest({
      method: request.method,
      url: request.url,
      headers: stored,
      body,
      ...(channel ? { responseId: channel.id } : {}),
      ...(held.length > 0 ? { heldHeadersId: holdHeaders(held) } : {}),
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
  return typeof config.respondWith === "object"
    ? toResponse(config.respondWith)
    : new Response(null, { status: 202 });
}

function tooManyRequests(rate: WebhookRateLimit, waitSeconds: number): RequestError {
  const seconds = (rate.windowMs ?? DEFAULT_WEBHOOK_RATE_LIMIT.windowMs) / 1000;
  return new RequestError(
    "TOO_MANY_REQUESTS",
    `This webhook takes at most ${rate.limit} requests per ${seconds} s; retry in ${waitSeconds} s.`,
    { "retry-after": String(waitSeconds) },
  );
}
