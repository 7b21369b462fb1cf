/**
 * `handleRequest(request)`: the whole workflow HTTP protocol behind one Web-standard handler,
 * for a Next route, a Vite middleware (through `toNodeHandler`) or `node:http`:
 * - `/.well-known/workflow/v1/webhook/:token` delivers the request to the webhook and answers
 *   with its response; an unknown token is 404 with an empty body; past the token's rate limit
 *   it is 429 with `Retry-After`; its errors never name the run (the caller is outside);
 * - `/.well-known/workflow/v1/flow` and `/step` queue a workflow replay or a step, for a
 *   delivery signed with the world's secret only (`delivery.ts`);
 * - any other path is a plain 404. The paths match from the start of the URL's path (after
 *   `basePath`), so a proxy rule on `^/.well-known/workflow` covers every one of them.
 * A malformed request is a 4xx with a JSON `{ error, reason }`; nothing is written for it. An
 * internal error is a 500 `{ error: "INTERNAL_ERROR", requestId }`, its detail sent to `onError`.
 */
import { resumeWebhook } from "../api/webhooks.js";
import { resolveRuntime } from "../api/start.js";
import type { Runtime } from "../engine/runtime.js";
import type { WebhookRateLimit } from "../workflow/hooks.js";
import { HookNotFoundError } from "../errors/index.js";
import { handleQueueRoute } from "./queue-routes.js";
import { RequestError } from "./request-error.js";
import { type ErrorReporter, jsonError, methodNotAllowed, toErrorResponse } from "./responses.js";

export interface HandleRequestOptions {
  /** @default the process's default runtime (set by `workflow/register` or a bundler plugin) */
  runtime?: Runtime;
  /**
   * Larger request bodies get 413, on every route. A webhook created with its own
   * `maxBodyBytes` uses that instead.
   * @default 1 MiB
   */
  maxBodyBytes?: number;
  /** How long the caller of a `respondWith: "manual"` webhook waits for a step. @default 30000 */
  webhookResponseTimeoutMs?: number;
  /**
   * The path the app is mounted under, when the routes are `/app/.well-known/workflow/v1/...`.
   * @default ""
   */
  basePath?: string;
  /**
   * Gets the detail of every 500 (the body only has its `requestId`).
   * @default console.error, with the request ID
   */
  onError?: ErrorReporter;
  /**
   * Requests per webhook token, counted across every worker on the Postgres world and per
   * process on the others; past it, 429 with `Retry-After`.
   * A webhook created with its own `rateLimit` uses that instead; `false` turns the default off.
   * @default { limit: 60, windowMs: 60000 }
   */
  webhookRateLimit?: WebhookRateLimit | false;
}

const PREFIX = "/.well-known/workflow/v1/";
const WEBHOOK_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Route = { route: "flow" | "step" } | { route: "webhook"; rawToken: string };

/** Which workflow route a path names, or null (not ours): `basePath` + the prefix, from the start. */
export function matchWorkflowPath(pathname: string, basePath = ""): Route | null {
  const prefix = basePath.replace(/\/+$/, "") + PREFIX;
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length).replace(/\/$/, "");
  if (rest === "flow" || rest === "step") return { route: rest };
  if (rest === "webhook") return { route: "webhook", rawToken: "" };
  if (rest.startsWith("webhook/") && !rest.slice(8).includes("/"))
    return { route: "webhook", rawToken: rest.slice(8) };
  return null;
}

/** Whether `pathname` is one of the workflow routes (for middlewares that pass others on). */
export function isWorkflowPath(pathname: string, basePath?: string): boolean {
  return matchWorkflowPath(pathname, basePath) !== null;
}

function decodeToken(raw: string): string {
  if (raw === "")
    throw new RequestError(
      "BAD_REQUEST",
      "Missing token: the webhook URL is /.well-known/workflow/v1/webhook/<token>.",
    );
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new RequestError(
      "BAD_REQUEST",
      "The webhook token in the URL is not validly percent-encoded.",
    );
  }
}

async function handleWebhook(
  request: Request,
  rawToken: string,
  options: HandleRequestOptions,
): Promise<Response> {
  if (!(WEBHOOK_METHODS as readonly string[]).includes(request.method))
    throw methodNotAllowed(request.method, WEBHOOK_METHODS);
  const token = decodeToken(rawToken);
  try {
    return await resumeWebhook(token, request, {
      ...(options.runtime ? { runtime: options.runtime } : {}),
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.webhookResponseTimeoutMs !== undefined
        ? { responseTimeoutMs: options.webhookResponseTimeoutMs }
        : {}),
      ...(options.webhookRateLimit !== undefined ? { rateLimit: options.webhookRateLimit } : {}),
    });
  } catch (error) {
    // An unknown token says nothing about which tokens exist: 404, empty body.
    if (HookNotFoundError.is(error)) return new Response(null, { status: 404 });
    if (RequestError.is(error)) throw error;
    // Other errors may name the run or the world's internals: the status and code only.
    const { status } = toErrorResponse(error);
    const code = (error as { code?: unknown }).code;
    return jsonError(
      status,
      status === 500 || typeof code !== "string" ? "INTERNAL_ERROR" : code,
      "The webhook could not take this request.",
    );
  }
}

export async function handleRequest(
  request: Request,
  options: HandleRequestOptions = {},
): Promise<Response> {
  let match: Route | null;
  try {
    match = matchWorkflowPath(new URL(request.url).pathname, options.basePath);
  } catch {
    match = null;
  }
  if (!match) return new Response(null, { status: 404 });
  try {
    if (match.route === "webhook") return await handleWebhook(request, match.rawToken, options);
    return await handleQueueRoute(
      match.route,
      request,
      () => resolveRuntime(options.runtime),
      options.maxBodyBytes,
    );
  } catch (error) {
    return toErrorResponse(error, options.onError);
  }
}
