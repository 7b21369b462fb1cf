/**
 * Carries out a control request with a runtime: the same calls an app makes (`start`,
 * `run.cancel()`, `resumeHook`), so a run started from `wf start` is like any other; a resume
 * validates like `defineHook(schema).resume()` (validate-resume.ts). Used by the
 * control socket of the process that owns a world, and by `wf` itself when no process does.
 */
import { getRun, start } from "../api/start.js";
import { pauseSchedule, resumeSchedule } from "../api/schedules.js";
import type { Runtime } from "../engine/runtime.js";
import { deserialize } from "../serialization/index.js";
import type { ControlReply, ControlRequest } from "./protocol.js";
import { resumeWithDefinition } from "./validate-resume.js";

export async function handleControl(
  runtime: Runtime,
  request: ControlRequest,
): Promise<ControlReply> {
  try {
    switch (request.op) {
      case "start": {
        const args = deserialize(request.input, { operation: "arguments of wf start" });
        if (!Array.isArray(args))
          return { ok: false, code: "BAD_REQUEST", message: "the arguments must be an array" };
        const workflow = Object.assign(async (..._args: unknown[]) => undefined, {
          workflowId: request.workflowName,
        });
        const run = await start(workflow, args, {
          runtime,
          ...(request.idempotencyKey !== undefined
            ? { idempotencyKey: request.idempotencyKey }
            : {}),
        });
        const reused = run.idempotency?.existing
          ? `Idempotency key ${JSON.stringify(request.idempotencyKey)} is held by this run: nothing was started${run.idempotency.argsMatch ? "" : " (it was started with other arguments)"}.`
          : undefined;
        return { ok: true, runId: run.runId, ...(reused ? { note: reused } : {}) };
      }
      case "cancel": {
        const run = getRun(request.runId, { runtime });
        if ((await runtime.world.getRun(request.runId)) === null)
          return { ok: false, code: "RUN_NOT_FOUND", message: `no run ${request.runId}` };
        await run.cancel();
        return { ok: true, runId: request.runId };
      }
      case "schedule": {
        const schedule = await (request.action === "pause" ? pauseSchedule : resumeSchedule)(
          request.id,
          { runtime },
        );
        return {
          ok: true,
          schedule: {
            id: schedule.id,
            paused: schedule.paused,
            ...(schedule.nextTickAt !== undefined ? { nextTickAt: schedule.nextTickAt } : {}),
          },
        };
      }
      case "resume": {
        const payload = deserialize(request.payload, { operation: "payload of wf resume" });
        return { ok: true, ...(await resumeWithDefinition(runtime, request.token, payload)) };
      }
    }
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      ok: false,
      code: typeof code === "string" ? code : "CONTROL_FAILED",
      message: typeof message === "string" ? message : String(error),
    };
  }
}
