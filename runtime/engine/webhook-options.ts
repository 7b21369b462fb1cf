/**
 * createWebhook()'s security options, checked when the workflow calls it (so a mistake fails
 * the run at that line, the same way on every replay) and normalized into what
 * `hook_created.metadata` records for the process that will receive the requests.
 */
import { MIN_WEBHOOK_TOKEN_LENGTH, WebhookTokenTooShortError } from "../errors/index.js";
import type { CreateHookRequest } from "../workflow/hooks.js";
import type { WebhookLimits } from "./hook-metadata.js";
import { ERRORS } from "../../protocol/symbols.js";

/** The sandbox realm's global object: errors are made with its classes. */
type SandboxGlobal = Record<PropertyKey, any>;

/** A custom webhook token must be long enough not to be guessed. */
export function assertWebhookToken(g: SandboxGlobal, token: string): void {
  if (token.length >= MIN_WEBHOOK_TOKEN_LENGTH) return;
  const classes = g[ERRORS] as { WebhookTokenTooShortError?: typeof WebhookTokenTooShortError };
  throw new (classes?.WebhookTokenTooShortError ?? WebhookTokenTooShortError)(token.length);
}

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/** `keepHeaders`, `maxBodyBytes` and `rateLimit`, checked; a TypeError names the bad one. */
export function toWebhookLimits(
  g: SandboxGlobal,
  webhook: NonNullable<CreateHookRequest["webhook"]>,
): WebhookLimits {
  const fail = (what: string, got: unknown): never => {
    throw new g.TypeError(`createWebhook(): ${what}, got ${JSON.stringify(got) ?? typeof got}`);
  };
  const limits: WebhookLimits = {};
  const { keepHeaders, maxBodyBytes, rateLimit } = webhook;
  if (keepHeaders !== undefined) {
    if (!Array.isArray(keepHeaders) || !keepHeaders.every((h) => typeof h === "string" && h))
      fail("keepHeaders must be an array of header names", keepHeaders);
    const names = (keepHeaders as string[]).map((name) => name.toLowerCase());
    if (names.length > 0) limits.keepHeaders = [...new Set(names)];
  }
  if (maxBodyBytes !== undefined) {
    if (!isPositiveInteger(maxBodyBytes))
      fail("maxBodyBytes must be a positive whole number of bytes", maxBodyBytes);
    limits.maxBodyBytes = maxBodyBytes as number;
  }
  if (rateLimit !== undefined) {
    const { limit, windowMs } = (rateLimit ?? {}) as { limit?: unknown; windowMs?: unknown };
    if (!isPositiveInteger(limit) || (windowMs !== undefined && !isPositiveInteger(windowMs)))
      fail("rateLimit must be { limit, windowMs? } with positive whole numbers", rateLimit);
    limits.rateLimit = {
      limit: limit as number,
      ...(windowMs !== undefined ? { windowMs: windowMs as number } : {}),
    };
  }
  return limits;
}
