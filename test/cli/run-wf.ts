/** Runs the built `wf` as a process, the way a user does, for the CLI tests. */
import { spawn } from "node:child_process";
import path from "node:path";
import { PACKAGE_ROOT } from "../integrations/harness.js";

const WF = path.join(PACKAGE_ROOT, "dist", "cli", "wf.js");

export interface WfResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface WfOptions {
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Called with all of stdout so far, each time more arrives. */
  onStdout?: (text: string) => void;
  /** @default 60000 */
  timeoutMs?: number;
}

export function runWf(args: string[], options: WfOptions = {}): Promise<WfResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WF, ...args], {
      cwd: options.cwd ?? PACKAGE_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
