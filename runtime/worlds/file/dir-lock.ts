import { randomUUID } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** Who holds a data directory: written into `<dir>/lock`. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holding process started (ISO); with the pid, names one process. */
  startedAt: string;
  /** This process's start in clock ticks since boot (Linux `/proc/<pid>/stat`), to tell a reused pid. */
  ticks?: number;
  token: string;
}

/** A second writer on a held directory: `code` is `DATA_DIR_LOCKED`, `holder` who holds it. */
export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The workflow data directory ${dir} is in use by process ${holder.pid} on ${holder.host} ` +
        `(started ${holder.startedAt}); one process at a time opens it as a world. Stop that ` +
        "process, point this one at another directory, or open it with { readOnly: true } to " +
        `read runs beside it. If that process is gone (it ran on another host), delete ${join(dir, "lock")}.`,
    );
    this.name = "DataDirLockedError";
  }
}

const STARTED_AT = new Date(Date.now() - process.uptime() * 1000).toISOString();
const HOST = hostname();
/** How long a second world of this process waits for the first to close. */
const SAME_PROCESS_WAIT_MS = 2_000;
/** Tokens of the locks this process holds: a lock with our pid but not one of these is stale. */
const HELD = new Set<string>();

/**
 * Takes `<dir>/lock` for this process, or throws {@link DataDirLockedError}. The lock file is
 * made complete under a temporary name and linked into place (`link` fails when the name
 * exists: only one process wins). A lock whose process is gone (same host, and its pid not
 * running or running a process started at another time) is taken over: it is renamed aside
 * first, and if what was moved is not the stale lock seen (a racing taker's fresh one), it is
 * put back. Returns the release function.
 */
export async function acquireDirLock(
  dir: string,
  debug?: (message: string, details?: Record<string, unknown>) => void,
): Promise<() => void> {
  const path = join(dir, "lock");
  const me: LockHolder = {
    pid: process.pid,
    host: HOST,
    startedAt: STARTED_AT,
    token: randomUUID(),
  };
  const ticks = startTicks(process.pid);
  if (ticks !== undefined) me.ticks = ticks;
  const temp = `${path}.${me.token}.tmp`;
  writeFileSync(temp, JSON.stringify(me) + "\n");
  try {
    const deadline = Date.now() + SAME_PROCESS_WAIT_MS;
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        linkSync(temp, path);
        HELD.add(me.token);
        return () => release(path, me.token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = readHolder(path);
      if (holder === undefined) continue; // released meanwhile
      if (isRunning(holder)) {
        // A world of this process that is closing (a dev server restarting) lets go soon.
        if (HELD.has(holder.token) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          attempt--;
          continue;
        }
        throw new DataDirLockedError(dir, holder);
      }
      const aside = `${path}.${me.token}.stale`;
      try {
        renameSync(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      const moved = readHolder(aside);
      if (moved?.token !== holder.token) {
        try {
          linkSync(aside, path); // another taker's fresh lock: give it back
        } catch {
          // a third process took the name meanwhile; it is the holder now
        }
      } else {
        debug?.("took over the lock of a process that is gone", { dir, holder });
      }
      unlinkSync(aside);
    }
    throw new Error(`Could not take the lock ${path}: it kept changing hands; try again`);
  } finally {
    unlinkSync(temp);
  }
}

function release(path: string, token: string): void {
  HELD.delete(token);
  if (readHolder(path)?.token === token) unlinkSync(path);
}

function readHolder(path: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (typeof holder.pid === "number" && typeof holder.token === "string") return holder;
  } catch {
    // fall through
  }
  throw new Error(
    `The lock file ${path} is not one a workflow world wrote; delete it if no world uses the directory`,
  );
}

function isRunning(holder: LockHolder): boolean {
  if (holder.host !== HOST) return true; // cannot tell: another host's process may be alive
  if (holder.pid === process.pid && holder.startedAt === STARTED_AT) return HELD.has(holder.token);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const ticks = startTicks(holder.pid);
  return holder.ticks === undefined || ticks === undefined || ticks === holder.ticks;
}

/**
 * `/proc/<pid>/stat`, put together by a call: a path written out at the read makes a Next app's
 * file tracing expand `/proc/*` into its build (and fail on what it finds there).
 */
function procStatPath(pid: number): string {
  return ["", "proc", String(pid), "stat"].join("/");
}

/** Linux: when `pid` started, in clock ticks since boot; undefined elsewhere. */
function startTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(/* turbopackIgnore: true */ procStatPath(pid), "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}
