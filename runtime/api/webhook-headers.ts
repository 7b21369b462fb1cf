/**
 * Which request headers a webhook stores redacted, and where their real values wait for the
 * step. The event log is read by anyone with access to the world (dashboards, `wf inspect`,
 * backups), so credentials a caller sends (`Authorization`, cookies, API keys) are stored as
 * `[redacted]`. The step that handles the request still gets the real values when it runs in
 * the process that received the request within {@link HELD_HEADERS_TTL_MS}: they are held in
 * memory under a random ID that the stored request carries. After a restart, in another worker
 * or later than that, the step sees `[redacted]`; nothing secret is ever written.
 */
import { randomUUID } from "node:crypto";
import { type HeldHeaders, WEBHOOK_HELD_HEADERS } from "../workflow/webhook-request.js";

/** What a redacted header's value is stored as. */
export const REDACTED = "[redacted]";

/** How long the real values wait for a step. @default 15 minutes */
export const HELD_HEADERS_TTL_MS = 15 * 60_000;

/** The most deliveries whose values are held at once; the oldest go first. */
const MAX_HELD_DELIVERIES = 10_000;

/** Credentials and session material by name: `authorization`, `cookie`, `x-api-key`, ... */
const SENSITIVE = /auth|cookie|token|secret|passw|session|api-?key|credential|private/;
/**
 * A signature (`x-hub-signature-256`, `stripe-signature`, `x-slack-signature`) is an HMAC of
 * this body: useless for forging another, and the step needs it to verify the request.
 */
const SIGNATURE = /signature/;

/** Whether a header is stored redacted unless the webhook keeps it. */
export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE.test(lower) && !SIGNATURE.test(lower);
}

/** The headers as stored, and the real values of those redacted (empty when none were). */
export function redactHeaders(
  headers: Headers,
  keep: readonly string[] = [],
): { stored: [string, string][]; held: [string, string][] } {
  const stored: [string, string][] = [];
  const held: [string, string][] = [];
  for (const [name, value] of headers) {
    if (isSensitiveHeader(name) && !keep.includes(name)) {
      stored.push([name, REDACTED]);
      held.push([name, value]);
    } else {
      stored.push([name, value]);
    }
  }
  return { stored, held };
}

function getHeld(): HeldHeaders {
  const g = globalThis as Record<symbol, unknown>;
  return ((g[WEBHOOK_HELD_HEADERS] as HeldHeaders | undefined) ??= new Map());
}

/** Holds real header values for the step; returns the ID the stored request carries. */
export function holdHeaders(headers: [string, string][], now = Date.now()): string {
  const held = getHeld();
  for (const [id, entry] of held) {
    // Insertion order is expiry order: stop at the first live one unless over the cap.
    if (entry.expiresAt > now && held.size < MAX_HELD_DELIVERIES) break;
    held.delete(id);
  }
  const id = randomUUID();
  held.set(id, { headers, expiresAt: now + HELD_HEADERS_TTL_MS });
  return id;
}

/** Drops every held value: what a restart does (for tests). */
export function forgetHeldHeaders(): void {
  getHeld().clear();
}
