import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, transform, type TransformMode } from "../compiler/index.js";
import { INSPECT_USAGE, inspectCommand } from "./inspect/inspect-command.js";
import { REPLAY_USAGE, replayCommand } from "./replay-command.js";
import { WRITE_USAGE, writeCommand } from "./write-commands.js";
import { SCHEDULE_USAGE, scheduleCommand } from "./schedule-command.js";
import { WEB_USAGE, webCommand } from "./web/web-command.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Terminal width. @default 100 */
  columns?: number;
  /** Stops a command that follows something (`wf inspect stream --follow`). */
  signal?: AbortSignal;
}

const USAGE = `Usage: wf <command>

Commands:
  wf transform <file> [--mode workflow|step|client] [--root <dir>] [--module-specifier <spec>]
      Print the file as the compiler rewrites it for one bundle (default mode: workflow),
      or its diagnostics with code frames (exit code 1).

${INSPECT_USAGE}
${WRITE_USAGE}
${SCHEDULE_USAGE}
${REPLAY_USAGE}

${WEB_USAGE}`;

const MODES: TransformMode[] = ["workflow", "step", "client"];

/** Runs the `wf` command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.stdout(USAGE);
    return command ? 0 : 1;
  }
  if (command === "transform") return transformCommand(rest, io);
  if (command === "start" || command === "cancel" || command === "resume")
    return writeCommand(command, rest, { ...io, env: io.env ?? process.env });
  if (command === "schedule") return scheduleCommand(rest, { ...io, env: io.env ?? process.env });
  if (command === "replay") return replayCommand(rest, { ...io, env: io.env ?? process.env });
  if (command === "inspect")
    return inspectCommand(rest, {
      ...io,
      env: io.env ?? process.env,
      columns: io.columns ?? 100,
    });
  if (command === "web") return webCommand(rest, { ...io, env: io.env ?? process.env });
  io.stderr(`wf: unknown command "${command}"\n\n${USAGE}`);
  return 1;
}

async function transformCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        mode: { type: "string", short: "m", default: "workflow" },
        root: { type: "string" },
        "module-specifier": { type: "string" },
      },
    });
  } catch (error) {
    io.stderr(`wf transform: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const mode = values.mode as TransformMode;
  if (!MODES.includes(mode)) {
    io.stderr(`wf transform: --mode must be one of ${MODES.join(", ")}, got "${values.mode}"\n`);
    return 1;
  }
  if (positionals.length !== 1) {
    io.stderr(`wf transform: expected exactly one file, got ${positionals.length}\n\n${USAGE}`);
    return 1;
  }
  const filename = path.resolve(io.cwd, positionals[0]!);
  let code: string;
  try {
    code = await readFile(filename, "utf8");
  } catch (error) {
    io.stderr(
      `wf transform: cannot read ${filename}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 1;
  }
  const result = transform(code, {
    filename,
    root: path.resolve(io.cwd, values.root ?? "."),
    mode,
    sourceMaps: false,
    ...(values["module-specifier"] ? { moduleSpecifier: values["module-specifier"] } : {}),
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n\n`);
  if (errors.length) {
    io.stderr(
      `${errors.length} error${errors.length === 1 ? "" : "s"} in ${path.relative(io.cwd, filename)}\n`,
    );
    return 1;
  }
  io.stdout(result.code.endsWith("\n") ? result.code : `${result.code}\n`);
  return 0;
}
