/**
 * Hook and webhook types, and the Hook object a workflow gets. Shared by both realms: nothing
 * here may use Node. The engine side of a hook lives in `engine/session-hooks.ts`.
 */
import type { RequestWithResponse } from "./webhook-request.js";

export type { RequestWithResponse } from "./webhook-request.js";

/** Options of `createHook()`. */
export interface HookOptions {
  /**
   * The token that resumes the hook (`resumeHook(token, payload)`). Unique among live hooks:
   * while another live hook holds it, awaiting this one throws `HookConflictError`.
   * @default a random token (192 bits from a CSPRNG), recorded in the run's log
   */
  token?: string;
  /** Any serializable value, returned by `getHookByToken(token)`. */
  metadata?: unknown;
}

/**
 * A hook: `await hook` takes the next payload, `for await (const p of hook)` takes them all.
 * Payloads that arrive before the workflow awaits are kept, in order.
 */
export interface Hook<T = unknown> extends PromiseLike<T>, AsyncIterable<T> {
  /** What `resumeHook()` (or the webhook URL) needs. */
  readonly token: string;
  /** Releases the token: later payloads are refused with `HookNotFoundError`. */
  dispose(): void;
}

/** How many requests a webhook takes: `limit` per `windowMs`, refilled evenly. */
export interface WebhookRateLimit {
  /** Requests allowed per window (also the largest burst). */
  limit: number;
  /** @default 60000 (one minute) */
  windowMs?: number;
}

/** Options of `createWebhook()`. */
export interface WebhookOptions {
  /**
   * At least 24 characters (`WebhookTokenTooShortError` otherwise): whoever knows the token can
   * post to the run.
   * @default a random token (192 bits from a CSPRNG)
   */
  token?: string;
  /**
   * What the HTTP caller gets: a `Response` sent as is to every request, or `"manual"`, where
   * a step answers with `request.respondWith(response)`.
   * @default a 202 response with an empty body
   */
  respondWith?: Response | "manual";
  /** Any serializable value, returned by `getHookByToken(token)`. */
  metadata?: unknown;
  /**
   * Sensitive headers (credentials, cookies, tokens: `authorization`, `cookie`, `x-api-key`,
   * `x-auth-token`, ...) are stored as `[redacted]` in the event log; the headers named here
   * are stored as received. Signature headers (`x-hub-signature-256`, `stripe-signature`) are
   * always kept.
   * @default []
   */
  keepHeaders?: string[];
  /**
   * Larger request bodies get 413 and are not stored. Set here, it replaces the handler's
   * `maxBodyBytes` for this webhook.
   * @default the handler's `maxBodyBytes` (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * Requests past it get 429 with `Retry-After`. Set here, it replaces the handler's
   * `webhookRateLimit` for this webhook.
   * @default the handler's `webhookRateLimit` (60 a minute)
   */
  rateLimit?: WebhookRateLimit;
}

/** A webhook: a hook resumed by HTTP requests to its `url`. */
export interface Webhook extends Hook<RequestWithResponse> {
  /** `<app url>/.well-known/workflow/v1/webhook/<token>` */
  readonly url: string;
}

/** What the engine hands the sandbox for one hook (installed as `WORKFLOW_CREATE_HOOK`). */
export interface HookHandle {
  readonly token: string;
  /** The next payload in arrival order; rejects with HookConflictError when the token is taken. */
  next(): Promise<unknown>;
  dispose(): void;
}

/** What the workflow passes the engine when it creates a hook. */
export interface CreateHookRequest {
  token?: string;
  metadata?: unknown;
  /** The ID of the defineHook() definition the hook comes from, when the compiler gave one. */
  definition?: string;
  /** Present for webhooks. */
  webhook?: {
    respondWith?: unknown;
    keepHeaders?: unknown;
    maxBodyBytes?: unknown;
    rateLimit?: unknown;
  };
}

class WorkflowHook<T> implements Hook<T> {
  readonly #handle: HookHandle;
  constructor(handle: HookHandle) {
    this.#handle = handle;
  }

  get token(): string {
    return this.#handle.token;
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return (this.#handle.next() as Promise<T>).then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) yield (await this.#handle.next()) as T;
  }

  dispose(): void {
    this.#handle.dispose();
  }
}

// `using hook = createHook()` where the runtime has explicit resource management.
const dispose = (Symbol as { dispose?: symbol }).dispose;
if (typeof dispose === "symbol") {
  Object.defineProperty(WorkflowHook.prototype, dispose, {
    value(this: WorkflowHook<unknown>) {
      this.dispose();
    },
    configurable: true,
  });
}

/** The Hook object for an engine handle. */
export function toHook<T>(handle: HookHandle): Hook<T> {
  return new WorkflowHook<T>(handle);
}

/** The Webhook object for an engine handle. */
export function toWebhook(handle: HookHandle, appUrl: string): Webhook {
  const hook = new WorkflowHook<RequestWithResponse>(handle);
  const url = `${appUrl.replace(/\/+$/, "")}/.well-known/workflow/v1/webhook/${encodeURIComponent(handle.token)}`;
  return Object.defineProperty(hook, "url", { value: url, enumerable: true }) as unknown as Webhook;
}
