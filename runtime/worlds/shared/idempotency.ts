/**
 * Idempotency keys (`start(wf, args, { idempotencyKey })`): a `run_created` may carry
 * `data.idempotencyKey`, and every world keeps keys unique among retained runs, checked in the
 * same atomic step that stores the `run_created` (see World). A key is held by its run for as
 * long as the run is retained, whatever its state; once `prune` deletes the run, it is free.
 */
import type { NewEvent } from "./events.js";
import { WorldError } from "./world-error.js";

/** The longest key accepted, in UTF-16 code units. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

/** Whether `value` is a key a world accepts: a non-empty string of at most 256 characters. */
export function isIdempotencyKey(value: unknown): value is string {
  return (
    typeof value === "string" && value.length > 0 && value.length <= MAX_IDEMPOTENCY_KEY_LENGTH
  );
}

/**
 * The key a batch claims (its `run_created`'s), or undefined. A malformed key is INVALID_EVENT:
 * `start()` checks the option first, so this only meets callers of `world.append` itself.
 */
export function idempotencyKeyOf(events: readonly NewEvent[]): string | undefined {
  const first = events[0];
  if (first?.type !== "run_created") return undefined;
  const key = (first.data as { idempotencyKey?: unknown } | undefined)?.idempotencyKey;
  if (key === undefined) return undefined;
  if (!isIdempotencyKey(key))
    throw new WorldError(
      "INVALID_EVENT",
      `run_created: data.idempotencyKey must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${describe(key)}`,
    );
  return key;
}

/** A `run_created` refused because `runId` (a retained run) holds its idempotency key. */
export class IdempotencyKeyInUseError extends WorldError {
  constructor(
    readonly key: string,
    /** The run holding the key. */
    readonly runId: string,
  ) {
    super(
      "IDEMPOTENCY_KEY_IN_USE",
      `Idempotency key ${JSON.stringify(key)} is held by run ${runId}; start() returns that run`,
    );
  }
}

/** The holder's run ID of an IDEMPOTENCY_KEY_IN_USE error from any copy of this module. */
export function keyHolderOf(error: unknown): string | undefined {
  if (!WorldError.is(error, "IDEMPOTENCY_KEY_IN_USE")) return undefined;
  const runId = (error as { runId?: unknown }).runId;
  return typeof runId === "string" ? runId : undefined;
}

function describe(value: unknown): string {
  if (typeof value === "string")
    return value.length === 0 ? "an empty string" : `a string of ${value.length} characters`;
  return value === null ? "null" : typeof value;
}
