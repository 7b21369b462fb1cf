/**
 * Signed deliveries: what the flow and step routes accept. Anyone who can reach the server can
 * POST to them, so they act only on a body signed with the world's secret:
 *
 *   x-workflow-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The body is JSON `{ "id": <unique message ID>, "runId": ..., "stepId"?: ... }`; the ID makes
 * two identical messages distinguishable, and each is acted on once. A signature whose `t` is
 * more than five minutes from now (either way) is refused, so the record of consumed IDs only
 * needs to cover that window: it is bounded in time and in size.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { World } from "../worlds/shared/world.js";
import { RequestError } from "./request-error.js";

/** The header that carries a delivery's signature. */
export const SIGNATURE_HEADER = "x-workflow-signature";
/** How far a signature's timestamp may be from the server's clock, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;
/** Consumed message IDs kept per world; past it, deliveries wait (429) for old ones to expire. */
const MAX_CONSUMED = 100_000;

function hmac(secret: string, timestamp: number, body: string | Uint8Array): Buffer {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(`${timestamp}.`)
    .update(body)
    .digest();
}

/**
 * The `x-workflow-signature` header value for a delivery of `body` (the exact bytes sent),
 * for push transports and tests. `now` is epoch milliseconds.
 */
export function signDelivery(
  secret: string,
  body: string | Uint8Array,
  now: number = Date.now(),
): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${hmac(secret, t, body).toString("hex")}`;
}

const unauthorized = (reason: string) => new RequestError("UNAUTHORIZED", reason);

/** Throws UNAUTHORIZED unless `header` signs `body` with `secret` within the tolerance. */
export function verifyDelivery(
  secret: string,
  header: string | null,
  body: Uint8Array,
  now: number = Date.now(),
): { timestamp: number } {
  if (!header)
    throw unauthorized(`Unsigned delivery: this route needs an ${SIGNATURE_HEADER} header.`);
  const parts = new Map<string, string>();
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const t = parts.get("t") ?? "";
  const v1 = parts.get("v1") ?? "";
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/i.test(v1))
    throw unauthorized(`Malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v1=<hex>.`);
  const timestamp = Number(t);
  if (Math.abs(now - timestamp * 1000) > SIGNATURE_TOLERANCE_MS)
    throw unauthorized("The delivery's signature timestamp is outside the accepted window.");
  if (!timingSafeEqual(Buffer.from(v1, "hex"), hmac(secret, timestamp, body)))
    throw unauthorized("The delivery's signature does not match its body.");
  return { timestamp };
}

/**
 * Message IDs taken within the signature window, per world. An ID is claimed before the
 * delivery is acted on and released if acting fails (so the sender may retry it); a claimed
 * or consumed ID is refused until its signature could no longer be valid anyway.
 */
export class ConsumedDeliveries {
  /** ID → epoch ms after which its signature is expired. Insertion order ≈ expiry order. */
  readonly #ids = new Map<string, number>();

  claim(id: string, timestamp: number, now: number): void {
    this.claimUntil(id, claimExpiry(timestamp), now);
  }

  /** As `claim`, with the epoch ms at which the claim expires. */
  claimUntil(id: string, expiresAt: number, now: number): void {
    for (const [key, expires] of this.#ids) {
      if (expires > now) break;
      this.#ids.delete(key);
    }
    if (this.#ids.has(id)) throw unauthorized("This delivery was already received.");
    if (this.#ids.size >= MAX_CONSUMED) this.#sweep(now);
    if (this.#ids.size >= MAX_CONSUMED)
      throw new RequestError("TOO_MANY_REQUESTS", "Too many deliveries; retry in a minute.", {
        "retry-after": "60",
      });
    this.#ids.set(id, expiresAt);
  }

  release(id: string): void {
    this.#ids.delete(id);
  }

  /** A full scan: timestamps up to the tolerance in the future break the insertion order. */
  #sweep(now: number): void {
    for (const [key, expires] of this.#ids) if (expires <= now) this.#ids.delete(key);
  }
}

/** When a claim of a delivery signed at `timestamp` (unix seconds) may be forgotten, epoch ms. */
export function claimExpiry(timestamp: number): number {
  return timestamp * 1000 + SIGNATURE_TOLERANCE_MS + 1000;
}

const consumedByWorld = new WeakMap<World, ConsumedDeliveries>();

/** The record of consumed deliveries of `world` in this process. */
export function consumedDeliveries(world: World): ConsumedDeliveries {
  let consumed = consumedByWorld.get(world);
  if (!consumed) consumedByWorld.set(world, (consumed = new ConsumedDeliveries()));
  return consumed;
}

/**
 * Claims the delivery `id` signed at `timestamp` in the record `world` uses: the world's own
 * (`claimDelivery`, shared by every process using a shared world) when it has one, else this
 * process's. Throws UNAUTHORIZED when it was claimed already; returns how to release it.
 */
export async function claimDelivery(
  world: World,
  id: string,
  timestamp: number,
  now: number,
): Promise<() => Promise<void>> {
  const expiresAt = claimExpiry(timestamp);
  if (world.claimDelivery) {
    if (!(await world.claimDelivery(id, expiresAt)))
      throw unauthorized("This delivery was already received.");
    return async () => {
      await world.releaseDelivery?.(id);
    };
  }
  const consumed = consumedDeliveries(world);
  consumed.claimUntil(id, expiresAt, now);
  return async () => consumed.release(id);
}
