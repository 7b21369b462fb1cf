/**
 * The dashboard's actions in `wf web`: done by the process that owns the world, reached the way
 * `wf start/cancel/resume` reach it (its control socket; the world itself when no process owns a
 * file world, or on Postgres). See cli/write-commands.ts.
 */
import type { ControlRequest } from "../../runtime/control/protocol.js";
import { serialize } from "../../runtime/serialization/index.js";
import type { World } from "../../runtime/worlds/index.js";
import type { WorldFlags } from "../open-world.js";
import { carryOut } from "../write-commands.js";
import type { DashboardActions } from "./actions.js";

export function createControlActions(
  flags: WorldFlags,
  io: { cwd: string; env: NodeJS.ProcessEnv },
  world: World,
): DashboardActions {
  const send = async (request: ControlRequest) => {
    const { reply, note } = await carryOut(flags, io, request);
    if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
    return { ...reply, note };
  };
  return {
    async cancel(runId) {
      await send({ op: "cancel", runId });
    },
    async resumeHook(token, payload) {
      const { note } = await send({
        op: "resume",
        token,
        payload: serialize(payload, { operation: "hook payload" }),
      });
      return note ? { note } : {};
    },
    async startLike(runId) {
      const run = await world.getRun(runId);
      if (!run) throw Object.assign(new Error(`no run ${runId}`), { code: "RUN_NOT_FOUND" });
      // The stored input goes as it is: the owner revives it with the app's own classes.
      const reply = await send({
        op: "start",
        workflowName: run.workflowName,
        input: run.input,
      });
      if (!("runId" in reply)) throw new Error("the start answered without a run");
      return { runId: reply.runId };
    },
  };
}
