/**
 * Concurrency limits: at most `limit` runs of one `key` hold a slot at once. A slot is a
 * property of a run, not of a process: a run holds one from its `run_admitted` event until it
 * ends (completed, failed, cancelled), so a worker that dies leaves the slot with a run that
 * another worker recovers and ends. Runs that could not be admitted when they were created wait
 * in line, in creation order; every world admits the head of the line in the same atomic step
 * as the end of a run that held a slot, and enqueues a workflow message for it.
 */
import type { RunState } from "./state/types.js";
import { TERMINAL_RUN_STATUSES } from "./state/types.js";
import { WorldError } from "./world-error.js";
import type { ConcurrencyLimit } from "./events.js";

export type { ConcurrencyLimit };

/** The event a world writes when a run takes a slot. */
export const ADMITTED = { type: "run_admitted", data: {} } as const;

/** Whether the run holds a slot of its key now (admitted, not ended). */
export function holdsSlot(run: RunState): boolean {
  return run.concurrency !== undefined && run.admittedAt !== undefined && !isEnded(run);
}

/** Whether the run waits in line for a slot: created with a limit, not admitted, not ended. */
export function waitsForSlot(
  run: Pick<RunState, "concurrency" | "admittedAt" | "status">,
): boolean {
  return run.concurrency !== undefined && run.admittedAt === undefined && !isEnded(run);
}

const isEnded = (run: Pick<RunState, "status">) => TERMINAL_RUN_STATUSES.has(run.status);

/** Whether `value` is a limit a world accepts: `{ key: non-empty string, limit: positive integer }`. */
export function isConcurrencyLimit(value: unknown): value is ConcurrencyLimit {
  if (typeof value !== "object" || value === null) return false;
  const { key, limit } = value as Partial<Record<string, unknown>>;
  return (
    typeof key === "string" &&
    key.length > 0 &&
    key.length <= 500 &&
    typeof limit === "number" &&
    Number.isSafeInteger(limit) &&
    limit > 0
  );
}

/** Refuses a `run_created` whose `concurrency` is malformed (INVALID_EVENT). */
export function assertConcurrencyData(runId: string, value: unknown): void {
  if (value === undefined || isConcurrencyLimit(value)) return;
  throw new WorldError(
    "INVALID_EVENT",
    `run_created of run ${runId}: concurrency must be { key: a non-empty string of at most 500 characters, limit: a positive integer }, got ${JSON.stringify(value)}`,
  );
}

/** Refuses a batch that carries `run_admitted`: only the world writes it, when a slot is free. */
export function refuseAdmissions(events: readonly unknown[]): void {
  const at = events.findIndex((e) => (e as { type?: unknown } | null)?.type === "run_admitted");
  if (at === -1) return;
  throw new WorldError(
    "INVALID_EVENT",
    `Event ${at} of the batch is run_admitted, which the world writes itself when a slot of the run's concurrency key is free; it cannot be appended`,
  );
}

/**
 * One line about a run's slot, for `wf inspect` and the dashboard: `waiting for a slot of
 * "user:42" (limit 1)`, `holds a slot of ...`, `held a slot of ...`; undefined without a limit.
 */
export function describeSlot(
  run: Pick<RunState, "concurrency" | "admittedAt" | "status">,
): string | undefined {
  if (!run.concurrency) return undefined;
  const of = `a slot of ${JSON.stringify(run.concurrency.key)} (limit ${run.concurrency.limit})`;
  if (waitsForSlot(run)) return `waiting for ${of}`;
  if (run.admittedAt === undefined) return `never took ${of}`;
  return `${isEnded(run) ? "held" : "holds"} ${of}`;
}
