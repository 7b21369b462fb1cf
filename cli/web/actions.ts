/**
 * What the dashboard may change: cancel a run, resume a hook, start a run again with the same
 * input. The dashboard only reads the world; these writes go to whoever owns it (the file world
 * has one writer, the app), so the server takes them as an interface. `createRuntimeActions`
 * backs it with a runtime in this process (tests, an app that serves the dashboard itself).
 */
import { getRun } from "../../runtime/api/index.js";
import { resumeWithDefinition } from "../../runtime/control/validate-resume.js";
import { createRunId, createSeed } from "../../runtime/engine/ids.js";
import type { Runtime } from "../../runtime/engine/runtime.js";

export interface DashboardActions {
  /** Cancels the run; a run that has ended is left as it is. */
  cancel(runId: string): Promise<void>;
  /**
   * Sends `payload` (plain JSON from the page) to the hook holding `token`, through the schema
   * of its defineHook() definition when it has one; `note` says when that could not be done.
   */
  resumeHook(token: string, payload: unknown): Promise<{ note?: string }>;
  /** Starts a new run of the same workflow with the same stored input. */
  startLike(runId: string): Promise<{ runId: string }>;
}

/** Actions done by `runtime` (which must own the world the dashboard shows). */
export function createRuntimeActions(runtime: Runtime): DashboardActions {
  return {
    async cancel(runId) {
      await getRun(runId, { runtime }).cancel();
    },
    async resumeHook(token, payload) {
      const { note } = await resumeWithDefinition(runtime, token, payload);
      return note ? { note } : {};
    },
    async startLike(runId) {
      const run = await runtime.world.getRun(runId);
      if (!run) throw new Error(`no run ${runId} in ${runtime.world.name}`);
      const newId = createRunId();
      // The stored input is reused as it is: no need to revive (or even know) its values.
      await runtime.append(newId, [
        {
          type: "run_created",
          data: {
            workflowName: run.workflowName,
            input: run.input,
            seed: createSeed(),
            ...(run.deploymentId ? { deploymentId: run.deploymentId } : {}),
            // The copy waits in the same line as the run it copies.
            ...(run.concurrency ? { concurrency: run.concurrency } : {}),
          },
        },
      ]);
      await runtime.world.queue.enqueue({ kind: "workflow", runId: newId }, { key: `wf:${newId}` });
      return { runId: newId };
    },
  };
}
