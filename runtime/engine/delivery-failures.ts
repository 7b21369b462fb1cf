/**
 * What the runtime does when a queue handler throws: the handler runs the engine, which turns
 * everything user code does (a step's throw, a workflow's throw) into events, so a throw that
 * reaches the queue is the infrastructure failing (storage, the queue, a corrupt log). Each one
 * is logged (at most one line per interval, with a count of the rest), and a message the queue
 * gives up on (its `maxDeliveries`) fails its run with DELIVERY_FAILED instead of being
 * redelivered forever.
 */
import type { FailureCode } from "../../protocol/codes.js";
import { toStoredError } from "../errors/index.js";
import type { NewEvent, StoredError } from "../worlds/shared/events.js";
import { WorldError } from "../worlds/shared/world-error.js";
import type { ConsumeOptions, QueueMessage } from "../worlds/shared/world.js";

/** One line to the operator. @default console.error */
export type FailureLog = (line: string) => void;

/** At most one line about redeliveries per this many ms; the others are counted. */
const RETRY_LOG_INTERVAL_MS = 10_000;

/** The consumer options that log handler failures and fail the runs of poison messages. */
export function createDeliveryFailures(
  append: (runId: string, events: NewEvent[]) => Promise<unknown>,
  log: FailureLog = (line) => console.error(line),
): Required<ConsumeOptions> {
  let lastLogAt = -Infinity;
  let suppressed = 0;
  return {
    onRetry(message, error, attempts) {
      const now = Date.now();
      if (now - lastLogAt < RETRY_LOG_INTERVAL_MS) {
        suppressed++;
        return;
      }
      const more = suppressed > 0 ? ` (${suppressed} more since the last line)` : "";
      lastLogAt = now;
      suppressed = 0;
      log(
        `[workflow] run ${message.runId}: delivery ${attempts} of its ${describe(message)} failed, will retry: ${reasonOf(error)}${more}`,
      );
    },
    async onGiveUp(message, error, attempts) {
      const stored = toDeliveryFailure(message, error, attempts);
      try {
        await append(message.runId, [{ type: "run_failed", data: { error: stored } }]);
      } catch (appendError) {
        if (WorldError.is(appendError, "RUN_TERMINAL") || WorldError.is(appendError, "NOT_FOUND"))
          return; // the run ended meanwhile (or is gone): nothing is left to fail
        log(
          `[workflow] run ${message.runId} (DELIVERY_FAILED): ${stored.message} The failure could not be recorded either (${reasonOf(appendError)}); message dropped.`,
        );
        return;
      }
      log(`[workflow] run ${message.runId} failed (DELIVERY_FAILED): ${stored.message}`);
    },
  };
}

/** The run's error: the message's kind, the attempts and the last error, with a fix. */
export function toDeliveryFailure(
  message: QueueMessage,
  error: unknown,
  attempts: number,
): StoredError {
  const code: FailureCode = "DELIVERY_FAILED";
  const deliveries = attempts === 1 ? "1 delivery" : `all ${attempts} deliveries`;
  return {
    ...toStoredError(error),
    code,
    name: "DeliveryFailedError",
    message:
      `The ${describe(message)} failed on ${deliveries} (the queue's maxDeliveries); ` +
      `last error: ${reasonOf(error)}. Fix the cause (storage, the queue, a corrupt log) and ` +
      `start the run again; maxDeliveries or WORKFLOW_MAX_DELIVERIES sets how many deliveries are tried.`,
  };
}

function describe(message: QueueMessage): string {
  return message.kind === "step" ? `step message (step ${message.stepId})` : "workflow message";
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}
