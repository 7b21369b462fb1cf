// How bench/runtime/run.mjs and bench/postgres/run.mjs run each side: a child process that
// prints its JSON as the last line of stdout, killed when it takes longer than `timeoutMs`.
import { spawn } from "node:child_process";

/**
 * Runs `script` (a path) with `--json` and `args`; resolves to the JSON of its last line, or to
 * `{ error }` when it printed none (it failed, or was stopped at `timeoutMs`).
 */
export function runSide(script, args, { label, timeoutMs, log }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, "--json", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const timer = setTimeout(() => {
      log(`${label} did not finish in ${timeoutMs / 1000} s; stopping pid ${child.pid}`);
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? ""));
      } catch {
        resolve({ error: `${label} exited with ${signal ?? `code ${code}`} and no result` });
      }
    });
  });
}
