import { stampEvent } from "../shared/check-event.js";
import type { NewEvent, StoredEvent } from "../shared/events.js";
import { type Release, type TokenHolder, tokensFreedBy } from "../shared/hook-tokens.js";
import { applyEvent } from "../shared/state/apply.js";
import type { RunState } from "../shared/state/types.js";
import { WorldError } from "../shared/world-error.js";
import type { HookTokenIndex } from "./hook-token-index.js";

/** A batch as it will be stored, and what it does to the run and to the hook tokens. */
export interface StampedBatch {
  /** The run's state after the batch (null only for an empty batch on no run). */
  state: RunState | null;
  stored: StoredEvent[];
  /** Tokens the batch frees: released once it is stored (a concurrent hook then conflicts). */
  releases: Release[];
}

/**
 * Stamps `events` for run `runId` (index, time) and applies each to `initial` (null: a new run)
 * by the rules of shared/state, which validates them. A `hook_created` claims its token in
 * `tokens`, or becomes `hook_conflict` when a live hook of another run holds it (a token this
 * batch released may be taken again by it). On a refusal the claims are undone, `onChanged` is
 * called when `initial` was changed in place before the refusal (applyEvent leaves a state
 * untouched when it refuses, so only a batch past its first event, or a failure that is not a
 * refusal, changed it), and the error is thrown.
 */
export function stampBatch(
  tokens: HookTokenIndex,
  runId: string,
  initial: RunState | null,
  events: readonly NewEvent[],
  createdAt: number,
  onChanged: () => void,
): StampedBatch {
  let state = initial;
  const firstIndex = initial?.eventCount ?? 0;
  const stored: StoredEvent[] = [];
  const claims: Array<[token: string, previous: TokenHolder | undefined]> = [];
  const releases: Release[] = [];
  const released = new Set<string>();
  try {
    for (let i = 0; i < events.length; i++) {
      let event = stampEvent(events[i], i, { runId, index: firstIndex + i, createdAt });
      let token: string | undefined;
      if (event.type === "hook_created") {
        token = event.data.token;
        const holder = tokens.get(token);
        if (holder && !released.has(token)) {
          event = {
            ...event,
            type: "hook_conflict",
            data: { token, conflictingRunId: holder.runId },
          };
          token = undefined;
        }
      }
      const freed = state ? tokensFreedBy(state, event) : [];
      state = applyEvent(state, event);
      if (token !== undefined) {
        claims.push([token, tokens.claim(token, { runId, hookId: event.correlationId as string })]);
        released.delete(token);
      }
      for (const release of freed) {
        releases.push(release);
        released.add(release.token);
      }
      stored.push(event);
    }
  } catch (error) {
    for (const [token, previous] of claims.reverse()) tokens.restore(token, previous);
    if (initial && (stored.length > 0 || !WorldError.is(error))) onChanged();
    throw error;
  }
  return { state, stored, releases };
}
