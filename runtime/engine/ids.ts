import { randomBytes } from "node:crypto";

/**
 * The one place runtime IDs are made. IDs are `<prefix>_<ULID>`: sortable by time.
 * Inside a run, correlation IDs come from the run's seeded generator so that a replay
 * makes the same IDs in the same order.
 */

const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID: 10 characters of time, 16 of randomness from `random` (values in [0, 1)). */
export function ulid(time: number, random: () => number): string {
  let out = "";
  for (let i = 9, t = time; i >= 0; i--, t = Math.floor(t / 32)) out = BASE32[t % 32] + out;
  for (let i = 0; i < 16; i++) out += BASE32[Math.floor(random() * 32)];
  return out;
}

export function createRunId(now = Date.now()): string {
  // One draw of the CSPRNG for the 16 characters (a byte each: its top 5 bits pick one).
  const bytes = randomBytes(16);
  let i = 0;
  return `wrun_${ulid(now, () => bytes[i++]! / 256)}`;
}

/** A run's secret seed: 128 bits from a CSPRNG, stored in `run_created`. */
export function createSeed(): string {
  return randomBytes(16).toString("hex");
}

/**
 * A default hook token: 192 bits from a CSPRNG, URL-safe. Made on the host (the sandbox's crypto
 * is seeded) when a workflow first creates the hook; replays read it back from `hook_created`.
 */
export function createHookToken(): string {
  return randomBytes(24).toString("base64url");
}

/** A fast deterministic generator (sfc32) seeded from a string (cyrb128 hash). */
export function createSeededRandom(seed: string): () => number {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0,
    b = (h2 ^ h1) >>> 0,
    c = (h3 ^ h1) >>> 0,
    d = (h4 ^ h1) >>> 0;
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

/** Correlation IDs of one run: the n-th call of a replay always gets the same ID. */
export function createCorrelationIds(seed: string, runStartedAt: number) {
  // A generator of its own, so that user code calling Math.random() cannot shift the IDs.
  const random = createSeededRandom(`${seed}:ids`);
  return (prefix: "step" | "wait" | "hook") => `${prefix}_${ulid(runStartedAt, random)}`;
}
