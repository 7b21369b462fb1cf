/**
 * The checks every stream store makes before it stores anything, and the error a closed stream
 * gives, so that every backend refuses the same appends with the same words.
 */
import { assertRunId } from "./check-event.js";
import { MAX_STREAM_NAME_BYTES } from "./stream-store.js";
import { WorldError } from "./world-error.js";

/** Throws when `runId` is not a safe run ID or `name` not a stream name (every store checks these). */
export function assertStreamName(runId: string, name: string): void {
  assertRunId(runId);
  if (typeof name !== "string" || name === "")
    throw new TypeError(`A stream name must be a non-empty string, got ${JSON.stringify(name)}`);
  if (Buffer.byteLength(name) > MAX_STREAM_NAME_BYTES)
    throw new RangeError(
      `Stream name ${JSON.stringify(name.slice(0, 40))}... is longer than ${MAX_STREAM_NAME_BYTES} bytes; use a shorter namespace`,
    );
}

/** Throws when the store is closed or `chunks` is not an array of strings (every store checks). */
export function assertAppendable(
  storeClosed: boolean,
  runId: string,
  name: string,
  chunks: readonly string[],
): void {
  if (storeClosed)
    throw new Error(`Stream ${JSON.stringify(name)} of run ${runId}: the world is closed`);
  if (!Array.isArray(chunks) || chunks.some((chunk) => typeof chunk !== "string"))
    throw new TypeError("streams.append() needs an array of strings (serialized chunks)");
}

/** Why chunks appended after a stream's close were refused. */
export function streamClosedError(runId: string, name: string, count: number): WorldError {
  return new WorldError(
    "STREAM_CLOSED",
    `Stream ${JSON.stringify(name)} of run ${runId} is closed; ${count} chunk(s) were not written. ` +
      "Write everything before closing the stream (and close it once, in the last step that writes).",
  );
}

/** The index a stream read starts at (`options.startIndex`, default 0); a RangeError if not an integer. */
export function toStartIndex(options: { startIndex?: number }): number {
  const startIndex = options.startIndex ?? 0;
  if (!Number.isInteger(startIndex))
    throw new RangeError(`startIndex must be an integer, got ${String(startIndex)}`);
  return startIndex;
}
