import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { TransformMode } from "../compiler/index.js";

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

const TRANSFORM_USAGE = `  wf transform <file> [--mode workflow|step|client] [--root <dir>] [--module-specifier <spec>]
      Print the file as the compiler rewrites it for one bundle (default mode: workflow),
      or its diagnostics with code frames (exit code 1).
`;

/**
 * The whole usage text. Each command's module is imported only when that command runs (or for
 * this text): `wf inspect runs` must not load the compiler, the bundler or pg.
 */
async function usage(): Promise<string> {
  const [inspect, write, schedule, replay, web] = await Promise.all([
    import("./inspect/inspect-command.js"),
    import("./write-commands.js"),
    import("./schedule-command.js"),
    import("./replay-command.js"),
    import("./web/web-command.js"),
  ]);
  return `Usage: wf <command>

Commands:
${TRANSFORM_USAGE}
${inspect.INSPECT_USAGE}
${write.WRITE_USAGE}
${schedule.SCHEDULE_USAGE}
${replay.REPLAY_USAGE}

${web.WEB_USAGE}`;
}

const MODES: TransformMode[] = ["workflow", "step", "client"];

/** Runs the `wf` command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.stdout(await usage());
    return command ? 0 : 1;
  }
  if (command === "transform") return transformCommand(rest, io);
  const env = io.env ?? process.env;
  if (command === "start" || command === "cancel" || command === "resume") {
    const { writeCommand } = await import("./write-commands.js");
    return writeCommand(command, rest, { ...io, env });
  }
  if (command === "schedule") {
    const { scheduleCommand } = await import("./schedule-command.js");
    return scheduleCommand(rest, { ...io, env });
  }
  if (command === "replay") {
    const { replayCommand } = await import("./replay-command.js");
    return replayCommand(rest, { ...io, env });
  }
  if (command === "inspect") {
    const { inspectCommand } = await import("./inspect/inspect-command.js");
    return inspectCommand(rest, { ...io, env, columns: io.columns ?? 100 });
  }
  if (command === "web") {
    const { webCommand } = await import("./web/web-command.js");
    return webCommand(rest, { ...io, env });
  }
  io.stderr(`wf: unknown command "${command}"\n\n${await usage()}`);
  return 1;
}

async function transformCommand(argv: string[], io: CliIo): Promise<number> {
  const { formatDiagnostic, transform } = await import("../compiler/index.js");
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
    io.stderr(`wf transform: ${(error as Error).message}\n\n${await usage()}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const mode = values.mode as TransformMode;
  if (!MODES.includes(mode)) {
    io.stderr(`wf transform: --mode must be one of ${MODES.join(", ")}, got "${values.mode}"\n`);
    return 1;
  }
  if (positionals.length !== 1) {
    io.stderr(
      `wf transform: expected exactly one file, got ${positionals.length}\n\n${await usage()}`,
    );
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
