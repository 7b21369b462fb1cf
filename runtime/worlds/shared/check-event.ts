import type { NewEvent, StoredEvent } from "./events.js";
import { WorldError } from "./world-error.js";

/** Run IDs become file names in the file world, so every backend accepts only these. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** Whether `id` can name a run (and so a file): letters, digits, `_` and `-`, 1 to 200 of them. */
export function isSafeId(id: unknown): id is string {
  return typeof id === "string" && SAFE_ID.test(id);
}

export function assertRunId(runId: unknown): asserts runId is string {
  if (!isSafeId(runId)) {
    throw new WorldError(
      "INVALID_EVENT",
      `Run ID ${JSON.stringify(runId)} is not allowed: use 1 to 200 letters, digits, "_" or "-"`,
    );
  }
}

/**
 * Checks the shape the world itself relies on (type, correlationId, data object, hook token);
 * what the event means for the run is `applyEvent`'s business.
 */
export function checkEventShape(value: unknown, position: number): NewEvent {
  const where = `Event ${position} of the batch`;
  if (typeof value !== "object" || value === null) {
    throw new WorldError("INVALID_EVENT", `${where} is not an object`);
  }
  const { type, correlationId, data } = value as Record<string, unknown>;
  if (typeof type !== "string") throw new WorldError("INVALID_EVENT", `${where} has no type`);
  if (correlationId !== undefined && (typeof correlationId !== "string" || correlationId === "")) {
    throw new WorldError(
      "INVALID_EVENT",
      `${where} (${type}) has a correlationId that is not a non-empty string`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new WorldError("INVALID_EVENT", `${where} (${type}) needs a data object`);
  }
  if (type === "hook_created" || type === "hook_conflict") {
    const { token } = data as { token?: unknown };
    if (typeof token !== "string" || token === "") {
      throw new WorldError("INVALID_EVENT", `${where} (${type}) needs a non-empty string token`);
    }
  }
  return value as NewEvent;
}

/** An event as one line of JSON; a value JSON cannot hold is the caller's error (INVALID_EVENT). */
export function stringifyEvent(event: StoredEvent): string {
  try {
    return JSON.stringify(event);
  } catch (error) {
    throw new WorldError(
      "INVALID_EVENT",
      `Event ${event.index} (${event.type}) of run ${event.runId} cannot be stored as JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * The `position`-th event of a batch, checked and stamped as stored: its run, its index in the
 * run's log and the batch's time (every world stamps the same way).
 */
export function stampEvent(
  value: unknown,
  position: number,
  at: { runId: string; index: number; createdAt: number },
): StoredEvent {
  const { type, correlationId, data } = checkEventShape(value, position);
  return {
    runId: at.runId,
    index: at.index,
    createdAt: at.createdAt,
    type,
    ...(correlationId !== undefined ? { correlationId } : {}),
    data,
  } as StoredEvent;
}
