#!/usr/bin/env node
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  // A pipe has no width: print whole lines there.
  columns: process.stdout.isTTY ? process.stdout.columns : 200,
  signal: stopOnInterrupt(),
});

/** Aborted by Ctrl-C, so that `--follow` ends cleanly (the world is closed). */
function stopOnInterrupt(): AbortSignal {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort();
    setTimeout(() => process.exit(130), 2000).unref();
  });
  return controller.signal;
}
