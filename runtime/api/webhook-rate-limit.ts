/**
 * The per-token request limit of webhooks: a token bucket per token, in the memory of the
 * process (each process that receives requests counts its own). `limit` requests may come at
 * once; then one more each `windowMs / limit`. Memory stays bounded: a bucket that has filled
 * up again is the same as no bucket and is dropped, and past {@link MAX_TRACKED_TOKENS} the
 * least recently used token is forgotten (it starts again with a full bucket).
 */
import type { WebhookRateLimit } from "../workflow/hooks.js";

/** 60 requests a minute. */
export const DEFAULT_WEBHOOK_RATE_LIMIT: Required<WebhookRateLimit> = {
  limit: 60,
  windowMs: 60_000,
};

/** The most tokens counted at once. */
export const MAX_TRACKED_TOKENS = 10_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: number;
  /** Refill per millisecond. */
  perMs: number;
}

export interface RateLimiter {
  /** Takes one request for `token`: 0 when allowed, else the seconds to wait (at least 1). */
  take(token: string, rate: WebhookRateLimit, now?: number): number;
  /** How many tokens are counted now. */
  readonly size: number;
}

export function createRateLimiter(maxTracked = MAX_TRACKED_TOKENS): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, now: number) => {
    bucket.tokens = Math.min(
      bucket.limit,
      bucket.tokens + Math.max(0, now - bucket.updatedAt) * bucket.perMs,
    );
    bucket.updatedAt = now;
  };
  return {
    take(token, rate, now = Date.now()) {
      const limit = rate.limit;
      const perMs = limit / (rate.windowMs ?? DEFAULT_WEBHOOK_RATE_LIMIT.windowMs);
      let bucket = buckets.get(token);
      if (bucket) {
        buckets.delete(token); // re-inserted below: the Map's order is least recently used first
        Object.assign(bucket, { limit, perMs });
        refill(bucket, now);
      } else {
        // Make room: drop idle (full again) buckets first, then the least recently used.
        if (buckets.size >= maxTracked) {
          for (const [key, old] of buckets) {
            refill(old, now);
            if (old.tokens >= old.limit) buckets.delete(key);
          }
          while (buckets.size >= maxTracked) buckets.delete(buckets.keys().next().value!);
        }
        bucket = { tokens: limit, updatedAt: now, limit, perMs };
      }
      buckets.set(token, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
    get size() {
      return buckets.size;
    },
  };
}

const limiters = new WeakMap<object, RateLimiter>();

/** The limiter of one runtime (tokens are unique per world, and a runtime has one world). */
export function getRateLimiter(runtime: object): RateLimiter {
  let limiter = limiters.get(runtime);
  if (!limiter) limiters.set(runtime, (limiter = createRateLimiter()));
  return limiter;
}
