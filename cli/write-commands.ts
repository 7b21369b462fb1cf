/**
 * `wf start`, `wf cancel`, `wf resume`: the writes a user makes from the terminal. A file world
 * has one writing process: while the app runs, the request goes to it over its control socket
 * (runtime/control/), and it acts as if the app had called `start()` itself. When no process
 * holds the directory, `wf` opens the world and writes; the app picks the work up when it
 * starts. Any process may write to the Postgres world, so `wf` writes there itself, and the
 * workers take the work.
 */
import { parseArgs } from "node:util";
import { NoControlListener, sendControl } from "../runtime/control/control-socket.js";
import { handleControl } from "../runtime/control/handle-control.js";
import type { ControlReply, ControlRequest } from "../runtime/control/protocol.js";
import { controlSocketPath } from "../runtime/worlds/file/control-socket-path.js";
import { createRuntime, type Runtime } from "../runtime/engine/runtime.js";
import { serialize } from "../runtime/serialization/index.js";
import type { World } from "../runtime/worlds/index.js";
import { resolveWorkflowId } from "./find-workflows.js";
import {
  isIdempotencyKey,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from "../runtime/worlds/shared/idempotency.js";
import {
  CliError,
  openWorld,
  resolveWorldTarget,
  WORLD_OPTIONS,
  type WorldFlags,
} from "./open-world.js";

export interface WriteIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const WRITE_USAGE = `  wf start <workflowId | short name> [json args...] [--idempotency-key K]
  wf cancel <runId>
  wf resume <token> <json payload>
      Start a run, cancel one, or resume a hook, on the world the app uses (same flags
      as wf inspect). While the app runs, it does the work; otherwise the work waits
      for the app (file world) or for a worker (Postgres).
`;

/** How long `wf start` on Postgres waits for a worker to take the new run. */
const WORKER_WAIT_MS = 5_000;

export async function writeCommand(
  command: "start" | "cancel" | "resume",
  argv: string[],
  io: WriteIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...WORLD_OPTIONS,
        json: { type: "boolean", default: false },
        "idempotency-key": { type: "string" },
      },
    });
  } catch (error) {
    io.stderr(`wf ${command}: ${(error as Error).message}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  try {
    const key = values["idempotency-key"];
    if (key !== undefined && command !== "start")
      throw new CliError("--idempotency-key is an option of wf start");
    const request = await toRequest(command, positionals, io.cwd);
    if (request.op === "start" && key !== undefined) {
      if (!isIdempotencyKey(key))
        throw new CliError(
          `--idempotency-key must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${JSON.stringify(key)}`,
        );
      request.idempotencyKey = key;
    }
    const { reply, note } = await carryOut(values, io, request);
    if (!reply.ok) throw new CliError(`${reply.message} (${reply.code})`);
    if (!("runId" in reply))
      throw new Error("wf: a start, cancel or resume answered without a run");
    if (values.json)
      io.stdout(`${JSON.stringify({ runId: reply.runId, ...(note ? { note } : {}) })}\n`);
    else {
      io.stdout(`${reply.runId}\n`);
      if (note) io.stderr(`${note}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError || error instanceof SyntaxError) {
      io.stderr(`wf ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * Has `request` done by the process that owns the world, or does it here when none does (file
 * world) or when any process may (Postgres). `note` says what the user should know: that no app
 * or worker is running to take the work on, or that a resume's payload was not validated.
 */
export async function carryOut(
  flags: WorldFlags,
  io: Pick<WriteIo, "cwd" | "env">,
  request: ControlRequest,
): Promise<{ reply: ControlReply; note: string }> {
  const target = resolveWorldTarget(flags, io.env, io.cwd);
  if (target.kind === "file") {
    try {
      const reply = await sendControl(controlSocketPath(target.dir), request);
      return { reply, note: reply.ok ? joinNotes(reply.note) : "" };
    } catch (error) {
      if (!(error instanceof NoControlListener)) throw error;
    }
    const reply = await withRuntime(flags, io, (runtime) => handleControl(runtime, request));
    const what =
      request.op === "start"
        ? "the run starts"
        : request.op === "schedule"
          ? "its ticker runs"
          : "the run goes on";
    return {
      reply,
      note: reply.ok
        ? joinNotes(reply.note, `No app is running on ${target.dir}: ${what} when it starts.`)
        : "",
    };
  }
  let note = "";
  const reply = await withRuntime(flags, io, async (runtime) => {
    const result = await handleControl(runtime, request);
    if (
      result.ok &&
      "runId" in result &&
      request.op === "start" &&
      !(await takenByWorker(runtime.world, result.runId))
    )
      note = `No worker has taken run ${result.runId} within ${WORKER_WAIT_MS / 1000} s: is a worker running on this database?`;
    return result;
  });
  return { reply, note: reply.ok ? joinNotes(reply.note, note) : "" };
}

/** The notes worth printing, a line each. */
function joinNotes(...notes: (string | undefined)[]): string {
  return notes.filter(Boolean).join("\n");
}

async function toRequest(
  command: "start" | "cancel" | "resume",
  positionals: string[],
  cwd: string,
): Promise<ControlRequest> {
  const [first, ...rest] = positionals;
  if (!first)
    throw new CliError(
      `missing ${command === "resume" ? "token" : command === "start" ? "workflow" : "run ID"}`,
    );
  switch (command) {
    case "start": {
      const workflowName = await resolveWorkflowId(first, cwd);
      const args = rest.map((text, i) => parseJson(text, `argument ${i + 1}`));
      return { op: "start", workflowName, input: serialize(args, { operation: "wf start" }) };
    }
    case "cancel":
      if (rest.length) throw new CliError("wf cancel takes one run ID");
      return { op: "cancel", runId: first };
    case "resume": {
      if (rest.length !== 1) throw new CliError("wf resume takes a token and one JSON payload");
      const payload = parseJson(rest[0]!, "the payload");
      return {
        op: "resume",
        token: first,
        payload: serialize(payload, { operation: "wf resume" }),
      };
    }
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${what} is not JSON: ${(error as Error).message} (quote strings: '"text"')`,
    );
  }
}

/** Runs `use` with a runtime on the world that executes nothing, then closes both. */
async function withRuntime<T>(
  flags: WorldFlags,
  io: Pick<WriteIo, "cwd" | "env">,
  use: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const world = await openWorld(flags, io.env, io.cwd, { readOnly: false });
  const runtime = createRuntime({ world, bundles: NO_BUNDLES, execute: false });
  try {
    await runtime.start();
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

/** `wf` never runs workflow code: a runtime that does not execute never asks for it. */
const NO_BUNDLES = {
  getWorkflowBundle: () => Promise.reject(new Error("wf executes no workflow")),
  getStep: async () => undefined,
};

/** Whether a worker started the run within WORKER_WAIT_MS. */
async function takenByWorker(world: World, runId: string): Promise<boolean> {
  const deadline = Date.now() + WORKER_WAIT_MS;
  while (Date.now() < deadline) {
    if ((await world.getRun(runId))?.status !== "pending") return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
