import type { RunSummary } from "./state/types.js";

/**
 * The cursor of `listRuns`: where the previous page ended, as (createdAt, runId), the order runs
 * are listed in (newest first). Opaque to callers; every backend reads and writes it here.
 */
export interface RunCursor {
  createdAt: number;
  runId: string;
}

/** The most runs one page may hold, and the default. */
export const MAX_PAGE = 1_000;
export const DEFAULT_PAGE = 50;

/** The cursor that continues after `run`. */
export function encodeCursor(run: Pick<RunSummary, "createdAt" | "runId">): string {
  return Buffer.from(JSON.stringify([run.createdAt, run.runId])).toString("base64url");
}

/** Reads a cursor made by `encodeCursor`; anything else is a TypeError. */
export function decodeCursor(cursor: string): RunCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(String(cursor), "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== "string"
  ) {
    throw new TypeError(
      `listRuns: cursor ${JSON.stringify(String(cursor).slice(0, 60))} is not a cursor this ` +
        "world made; pass the `next` of a previous page",
    );
  }
  return { createdAt: parsed[0] as number, runId: parsed[1] as string };
}

/** The page size `listRuns` was asked for; outside 1..MAX_PAGE is a RangeError. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new RangeError(`listRuns: limit must be an integer from 1 to ${MAX_PAGE}, got ${limit}`);
  return limit;
}

/** Newest first: createdAt descending, then run ID descending. */
export function compareNewestFirst(
  a: Pick<RunSummary, "createdAt" | "runId">,
  b: Pick<RunSummary, "createdAt" | "runId">,
): number {
  return b.createdAt - a.createdAt || (a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0);
}

/** Whether `run` comes after the cursor in newest-first order. */
export function isAfterCursor(run: Pick<RunSummary, "createdAt" | "runId">, cursor: RunCursor) {
  return compareNewestFirst(run, cursor) > 0;
}
