import type { Runtime } from "../engine/runtime.js";
import type { EventOf } from "../worlds/shared/events.js";
import {
  isIdempotencyKey,
  keyHolderOf,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from "../worlds/shared/idempotency.js";
import { queueKeys } from "../worlds/shared/world.js";

/**
 * What `run.idempotency` says of a run started with `{ idempotencyKey }`: whether this start made
 * the run or found the one holding the key, and whether that one was started the same way.
 */
export interface RunIdempotency {
  /** The key passed to `start()`. */
  key: string;
  /** True when a retained run held the key already: this handle is on that run, and nothing was started. */
  existing: boolean;
  /**
   * Whether the run's arguments are the ones this start passed (compared serialized: the same
   * values, objects with their keys in the same order). Always true when `existing` is false.
   */
  argsMatch: boolean;
  /** Whether the run is of the workflow this start passed. Always true when `existing` is false. */
  workflowMatch: boolean;
}

/** Checks `options.idempotencyKey` at the call; returns it (undefined when not given). */
export function toIdempotencyKey(value: unknown, caller: string): string | undefined {
  if (value === undefined || isIdempotencyKey(value)) return value;
  const got =
    typeof value === "string"
      ? value.length === 0
        ? '""'
        : `a string of ${value.length} characters`
      : value === null
        ? "null"
        : typeof value === "object"
          ? "an object"
          : `${typeof value} ${String(value)}`;
  throw new TypeError(
    `${caller}: options.idempotencyKey must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters (e.g. "order:1001"), got ${got}`,
  );
}

/**
 * Appends `created` (whose data carries the key) to a new run `runId` and queues it, or, when a
 * retained run holds the key, finds that run. The world checks the key in the same atomic step as
 * the append, so concurrent starts with one key (in any process of the world) make one run.
 */
export async function createRunOnce(
  runtime: Runtime,
  runId: string,
  created: EventOf<"run_created">["data"],
  key: string,
): Promise<{ runId: string; idempotency: RunIdempotency }> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runtime.append(runId, [{ type: "run_created", data: created }]);
      await runtime.world.queue.enqueue(
        { kind: "workflow", runId },
        { key: queueKeys.workflow(runId) },
      );
      return { runId, idempotency: { key, existing: false, argsMatch: true, workflowMatch: true } };
    } catch (error) {
      const holder = keyHolderOf(error);
      if (holder === undefined) throw error;
      const run = await runtime.world.getRun(holder);
      // Pruned between the append and this read: the key is free again (tried a few times).
      if (!run && attempt < 5) continue;
      if (!run) throw error;
      if (run.status === "pending") {
        // Its start may have stopped between recording the run and queueing it: queue it (the
        // key dedupes it against a message still waiting).
        await runtime.world.queue.enqueue(
          { kind: "workflow", runId: holder },
          { key: queueKeys.workflow(holder) },
        );
      }
      return {
        runId: holder,
        idempotency: {
          key,
          existing: true,
          argsMatch: run.input === created.input,
          workflowMatch: run.workflowName === created.workflowName,
        },
      };
    }
  }
}
