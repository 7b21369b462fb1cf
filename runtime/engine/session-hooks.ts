/**
 * The hooks of one workflow session: what `createHook()`/`createWebhook()` return inside the
 * sandbox, and the handlers of the four hook events.
 *
 * Tokens: a custom token is the workflow's; a default one is random (host CSPRNG) the first
 * time, then recorded in `hook_created`. Before delivering a batch the session indexes the
 * batch's hook events, so a replay's n-th `createHook()` finds its token in the log and hands
 * the workflow the same token as the first execution did.
 *
 * Payloads are delivered in log order: to the oldest pending `await` of the hook, or kept in
 * the hook's buffer until the workflow asks for the next one.
 */
import { HookConflictError } from "../errors/index.js";
import type { CreateHookRequest, HookHandle } from "../workflow/hooks.js";
import type { EventOf, StoredEvent } from "../worlds/shared/events.js";
import { encodeHookMetadata, recordResponse, type WebhookResponseMode } from "./hook-metadata.js";
import { createHookToken } from "./ids.js";
import { assertWebhookToken, toWebhookLimits } from "./webhook-options.js";
import { ERRORS } from "../../protocol/symbols.js";

/** A hook the run holds: to record (`created` false), to dispose, or live. */
export interface PendingHook {
  kind: "hook";
  correlationId: string;
  token: string;
  /** Serialized metadata (the webhook envelope for webhooks). */
  metadata?: string;
  isWebhook: boolean;
  created: boolean;
  /** The workflow disposed it: `hook_disposed` is due once it is created. */
  disposed: boolean;
}

/** What the hooks need from their session. */
export interface SessionHooksHost {
  readonly runId: string;
  /** The sandbox realm's global object. */
  readonly global: Record<PropertyKey, any>;
  /** A promise of the sandbox's realm (see Bridge.promise). */
  promise(
    executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void,
  ): Promise<unknown>;
  /** The realm's form of a host value, and the host's of a realm value (see bridge.ts). */
  toRealm(value: unknown): unknown;
  toHost(value: unknown): unknown;
  nextId(): string;
  isSettled(): boolean;
  /** A serialized payload as a value of the sandbox's realm. */
  revive(text: string): unknown;
  diverge(event: StoredEvent, detail: string): never;
}

type Waiter = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

interface HookItem {
  id: string;
  token: string;
  isWebhook: boolean;
  metadata?: string;
  /** A webhook's static response still being read. */
  preparing?: Promise<void>;
  created: boolean;
  disposeRequested: boolean;
  disposed: boolean;
  conflict?: Error;
  buffer: unknown[];
  waiters: Waiter[];
}

export class SessionHooks {
  private readonly items = new Map<string, HookItem>();
  /** Tokens recorded in the log, by hook ID. */
  private readonly logged = new Map<string, string>();

  constructor(private readonly host: SessionHooksHost) {}

  /** Notes the tokens of a batch's hook events, before any of it is delivered. */
  indexLog(events: readonly StoredEvent[]): void {
    for (const event of events) {
      if ((event.type === "hook_created" || event.type === "hook_conflict") && event.correlationId)
        this.logged.set(event.correlationId, event.data.token);
    }
  }

  /** `WORKFLOW_CREATE_HOOK`: called by createHook() and createWebhook() in the sandbox. */
  create(request: CreateHookRequest): HookHandle {
    const g = this.host.global;
    const what = request.webhook ? "createWebhook()" : "createHook()";
    if (request.token !== undefined && (typeof request.token !== "string" || !request.token))
      throw new g.TypeError(`${what}: token must be a non-empty string`);
    if (request.webhook && request.token !== undefined) assertWebhookToken(g, request.token);
    const limits = request.webhook ? toWebhookLimits(g, request.webhook) : {};
    const id = this.host.nextId();
    const token = request.token ?? this.logged.get(id) ?? createHookToken();
    const item: HookItem = {
      id,
      token,
      isWebhook: request.webhook !== undefined,
      created: false,
      disposeRequested: false,
      disposed: false,
      buffer: [],
      waiters: [],
    };
    const respondWith = request.webhook?.respondWith;
    if (isResponse(respondWith)) {
      // Read on the host's side: the realm's Response is a wrapper of a host one (bridge.ts).
      item.preparing = recordResponse(this.host.toHost(respondWith) as Response).then(
        (recorded) => {
          item.metadata = encodeHookMetadata(token, request.metadata, {
            respondWith: recorded,
            ...limits,
          });
        },
      );
    } else if (respondWith === undefined || respondWith === "manual") {
      item.metadata = encodeHookMetadata(
        token,
        request.metadata,
        request.webhook
          ? { respondWith: respondWith as WebhookResponseMode, ...limits }
          : undefined,
        typeof request.definition === "string" ? request.definition : undefined,
      );
    } else {
      throw new g.TypeError(
        `createWebhook(): respondWith must be a Response or "manual", got ${typeof respondWith}`,
      );
    }
    if (!this.host.isSettled()) this.items.set(id, item);
    return {
      token,
      next: () => this.next(item),
      dispose: () => {
        item.disposeRequested = true;
      },
    };
  }

  private next(item: HookItem): Promise<unknown> {
    const promise = this.host.promise;
    if (this.host.isSettled()) return promise(() => {});
    if (item.conflict) {
      const error = item.conflict;
      return promise((_, reject) => reject(error));
    }
    if (item.buffer.length > 0) {
      const value = item.buffer.shift();
      return promise((resolve) => resolve(value));
    }
    return promise((resolve, reject) => item.waiters.push({ resolve, reject }));
  }

  /** Waits until every new hook's metadata is ready to record. */
  async ready(): Promise<void> {
    for (const item of this.items.values()) {
      if (item.preparing) {
        await item.preparing;
        delete item.preparing;
      }
    }
  }

  /** Hooks to record, to dispose, or live (which keep the run suspended, not stalled). */
  pending(): PendingHook[] {
    const pending: PendingHook[] = [];
    for (const item of this.items.values()) {
      if (item.conflict || item.disposed || (item.disposeRequested && !item.created)) continue;
      pending.push({
        kind: "hook",
        correlationId: item.id,
        token: item.token,
        ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
        isWebhook: item.isWebhook,
        created: item.created,
        disposed: item.disposeRequested,
      });
    }
    return pending;
  }

  private claim(event: StoredEvent): HookItem {
    const item = event.correlationId ? this.items.get(event.correlationId) : undefined;
    if (!item)
      this.host.diverge(
        event,
        `the workflow made no createHook()/createWebhook() call with ID ${event.correlationId} at this point`,
      );
    return item;
  }

  readonly handlers = {
    hook_created: (event: EventOf<"hook_created">): boolean => {
      const item = this.claim(event);
      if (item.token !== event.data.token)
        this.host.diverge(event, `the workflow created this hook with a different token`);
      item.created = true;
      return false;
    },
    hook_conflict: (event: EventOf<"hook_conflict">): boolean => {
      const item = this.claim(event);
      item.created = true;
      item.conflict = this.conflictError(event.data.token, event.data.conflictingRunId);
      const waiters = item.waiters.splice(0);
      for (const waiter of waiters) waiter.reject(item.conflict);
      return waiters.length > 0;
    },
    hook_received: (event: EventOf<"hook_received">): boolean => {
      const item = this.claim(event);
      const value = this.host.revive(event.data.payload);
      const waiter = item.waiters.shift();
      if (!waiter) {
        item.buffer.push(value);
        return false;
      }
      waiter.resolve(value);
      return true;
    },
    hook_disposed: (event: EventOf<"hook_disposed">): boolean => {
      const item = this.claim(event);
      if (!item.disposeRequested)
        this.host.diverge(event, `the workflow did not dispose this hook at this point`);
      item.disposed = true;
      return false;
    },
  };

  /** A HookConflictError of the sandbox's realm when the bundle provides the class. */
  private conflictError(token: string, conflictingRunId?: string): Error {
    const classes = this.host.global[ERRORS] as
      { HookConflictError?: typeof HookConflictError } | undefined;
    const Conflict = classes?.HookConflictError ?? HookConflictError;
    const runId = conflictingRunId === this.host.runId ? undefined : conflictingRunId;
    return this.host.toRealm(new Conflict(token, runId)) as Error;
  }
}

function isResponse(value: unknown): value is Response {
  return Object.prototype.toString.call(value) === "[object Response]";
}
