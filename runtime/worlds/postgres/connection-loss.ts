/**
 * A connection that broke under the world, as opposed to a statement the server refused: the
 * server went away (a crash and restart, a shutdown, the network). A server that crashed may have
 * lost commits it had acknowledged with `synchronous_commit` off (later-commits.ts), which this
 * process may have written or read; the world then forgets what it keeps of runs (postgres-world.ts
 * `lossEpoch`) and reads them again, so that nothing goes on from writes the server no longer has.
 */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  // 08xxx: connection exceptions; 57P01-03: the server shut down, crashed, or is starting.
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03")
    return true;
  if (code === "ECONNRESET" || code === "ECONNREFUSED" || code === "EPIPE") return true;
  const message = typeof e?.message === "string" ? e.message : "";
  return /Connection terminated|connection error|Client was closed/i.test(message);
}
