/**
 * Real worker processes for the crash tests: `node --import workflow/register <script>` on a
 * data directory, with helpers to wait for what they write and to kill them with SIGKILL.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `workflow/register` resolves to dist/: build it once if it is not there (CI builds on install). */
export function ensureBuilt(): void {
  if (existsSync(path.join(PACKAGE_ROOT, "dist/integrations/register/register.js"))) return;
  execFileSync("npm", ["run", "build"], { cwd: PACKAGE_ROOT, stdio: "inherit" });
}

export interface Worker {
  child: ChildProcess;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `node --import workflow/register <script>` in `cwd` with `env` added. */
export function startWorker(cwd: string, script: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--import", "workflow/register", script], {
    cwd,
    env: { ...process.env, WORKFLOW_TARGET_WORLD: "file", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
  };
}

/** SIGKILL: no handler runs, no buffer is flushed. */
export async function kill(worker: Worker): Promise<void> {
  worker.child.kill("SIGKILL");
  await worker.exited;
}

/** Polls `check` every 10 ms until it returns a value, failing after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  worker?: Worker,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (worker && worker.child.exitCode !== null) {
      throw new Error(`Worker exited (${worker.child.exitCode}) before ${what}:\n${worker.stderr}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${worker ? `:\n${worker.stderr}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The lines of a file, `[]` while it does not exist. */
export async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, "utf8")).split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

/** The text of the only run log in `dataDir`, or undefined while there is none. */
export async function readOnlyRunLog(dataDir: string): Promise<string | undefined> {
  const runs = path.join(dataDir, "runs");
  const names = await readdir(runs).catch(() => [] as string[]);
  const name = names.find((n) => n.endsWith(".jsonl"));
  return name === undefined ? undefined : readFile(path.join(runs, name), "utf8");
}
