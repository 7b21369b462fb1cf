/**
 * How a hook's metadata is recorded in `hook_created.metadata`. A plain hook stores the user's
 * metadata as serialized; a webhook stores an envelope with its response mode next to it, so
 * that whichever process receives the HTTP request knows how to answer. A plain hook created
 * from a defineHook() definition the compiler named stores `{ "~hookDefinition": id, metadata }`,
 * so that `wf resume` finds the schema to validate with (runtime/control/handle-control.ts).
 */
import { deserialize, serialize } from "../serialization/index.js";

/** A static response, as recorded: replayed to every caller. */
export interface RecordedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array | null;
}

/** How a webhook answers its caller: 202 (`undefined`), a fixed response, or a step's. */
export type WebhookResponseMode = undefined | "manual" | RecordedResponse;

/** The createWebhook() options the receiving process applies to each request. */
export interface WebhookLimits {
  /** Lower-case header names stored as received. */
  keepHeaders?: string[];
  maxBodyBytes?: number;
  rateLimit?: { limit: number; windowMs?: number };
}

/** What a webhook records: how it answers, and the limits its requests get. */
export interface WebhookConfig extends WebhookLimits {
  respondWith: WebhookResponseMode;
}

interface WebhookEnvelope extends WebhookLimits {
  respondWith?: "manual" | RecordedResponse;
  metadata?: unknown;
}

/**
 * The key of a plain hook's envelope that names its definition. A user's metadata that is an
 * object with this key and no other than `metadata` would read as an envelope: the `~` keeps
 * that out of ordinary code, as in Standard Schema's `~standard`.
 */
const DEFINITION_KEY = "~hookDefinition";

interface DefinitionEnvelope {
  [DEFINITION_KEY]: string;
  metadata?: unknown;
}

function isDefinitionEnvelope(value: unknown): value is DefinitionEnvelope {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    typeof (value as Partial<DefinitionEnvelope>)[DEFINITION_KEY] === "string" &&
    keys.every((key) => key === DEFINITION_KEY || key === "metadata")
  );
}

/** What hook_created.metadata holds for a hook; `definition` only applies to plain hooks. */
export function encodeHookMetadata(
  token: string,
  metadata: unknown,
  webhook?: WebhookConfig,
  definition?: string,
): string | undefined {
  const operation = `metadata of hook ${JSON.stringify(token)}`;
  if (!webhook && definition !== undefined) {
    const envelope: DefinitionEnvelope = { [DEFINITION_KEY]: definition };
    if (metadata !== undefined) envelope.metadata = metadata;
    return serialize(envelope, { operation });
  }
  if (!webhook) return metadata === undefined ? undefined : serialize(metadata, { operation });
  const envelope: WebhookEnvelope = {};
  if (webhook.respondWith !== undefined) envelope.respondWith = webhook.respondWith;
  if (webhook.keepHeaders?.length) envelope.keepHeaders = webhook.keepHeaders;
  if (webhook.maxBodyBytes !== undefined) envelope.maxBodyBytes = webhook.maxBodyBytes;
  if (webhook.rateLimit !== undefined) envelope.rateLimit = webhook.rateLimit;
  if (metadata !== undefined) envelope.metadata = metadata;
  return serialize(envelope, { operation });
}

/** What a hook's recorded metadata holds. */
export interface DecodedHookMetadata extends WebhookConfig {
  /** The user's metadata, as passed to createHook()/createWebhook()/create(). */
  metadata: unknown;
  /** The ID of the defineHook() definition a plain hook was created from, if named. */
  definition?: string;
}

/** The user's metadata and, for a webhook, its response mode and limits. */
export function decodeHookMetadata(
  text: string | undefined,
  isWebhook: boolean,
): DecodedHookMetadata {
  if (text === undefined) return { metadata: undefined, respondWith: undefined };
  return unwrapHookMetadata(deserialize(text, { operation: "hook metadata" }), isWebhook);
}

/**
 * The same, from the value already read (`wf inspect` reads stored values its own tolerant way,
 * without the app's classes, and shows the user's metadata rather than the envelope).
 */
export function unwrapHookMetadata(value: unknown, isWebhook: boolean): DecodedHookMetadata {
  if (!isWebhook && isDefinitionEnvelope(value))
    return { metadata: value.metadata, respondWith: undefined, definition: value[DEFINITION_KEY] };
  if (!isWebhook) return { metadata: value, respondWith: undefined };
  const { metadata, ...config } = (value ?? {}) as WebhookEnvelope;
  return { metadata, respondWith: undefined, ...config };
}

/** Reads a Response the workflow passed as `respondWith` into its recorded form. */
export async function recordResponse(response: Response): Promise<RecordedResponse> {
  const body = response.body === null ? null : new Uint8Array(await response.clone().arrayBuffer());
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body,
  };
}

/** A fresh Response from its recorded form (a body can be read once, so one per caller). */
export function toResponse(recorded: RecordedResponse): Response {
  return new Response(recorded.body === null ? null : new Uint8Array(recorded.body), {
    status: recorded.status,
    statusText: recorded.statusText,
    headers: recorded.headers,
  });
}
