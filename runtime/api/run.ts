import {
  WorkflowRunCancelledError,
  WorkflowRunFailedError,
  WorkflowRunNotFoundError,
} from "../errors/index.js";
import { deserialize } from "../serialization/index.js";
import type { Runtime } from "../engine/runtime.js";
import type { RunState, RunStatus } from "../worlds/state/types.js";
import { TERMINAL_RUN_EVENTS } from "../worlds/events.js";

export type { RunStatus } from "../worlds/state/types.js";

/** How often `returnValue` checks a run that another process executes. */
const POLL_MS = 200;

/** A handle on a workflow run. Cheap to create; every getter reads the world. */
export class Run<T = unknown> {
  constructor(
    /** The run's ID. */
    readonly runId: string,
    private readonly runtime: Promise<Runtime>,
  ) {}

  /** Same as `runId`. */
  get id(): string {
    return this.runId;
  }

  private async state(): Promise<RunState> {
    const state = await (await this.runtime).world.getRun(this.runId);
    if (!state) throw new WorkflowRunNotFoundError(this.runId);
    return state;
  }

  /** `pending`, `running`, `completed`, `failed` or `cancelled`. */
  get status(): Promise<RunStatus> {
    return this.state().then((s) => s.status);
  }

  get workflowName(): Promise<string> {
    return this.state().then((s) => s.workflowName);
  }

  get createdAt(): Promise<Date> {
    return this.state().then((s) => new Date(s.createdAt));
  }

  get startedAt(): Promise<Date | undefined> {
    return this.state().then((s) =>
      s.startedAt === undefined ? undefined : new Date(s.startedAt),
    );
  }

  get completedAt(): Promise<Date | undefined> {
    return this.state().then((s) =>
      s.completedAt === undefined ? undefined : new Date(s.completedAt),
    );
  }

  /**
   * The workflow's return value, once the run ends. Rejects with `WorkflowRunFailedError`
   * (the error as `cause`) or `WorkflowRunCancelledError`.
   */
  get returnValue(): Promise<T> {
    return this.waitForEnd().then((state) => {
      if (state.status === "failed")
        throw new WorkflowRunFailedError(this.runId, state.error ?? { message: "unknown error" });
      if (state.status === "cancelled") throw new WorkflowRunCancelledError(this.runId);
      return deserialize(state.output!, { operation: `return value of run ${this.runId}` }) as T;
    });
  }

  /** Cancels the run: no new step starts, and `returnValue` rejects. Idempotent. */
  async cancel(): Promise<void> {
    const runtime = await this.runtime;
    const state = await this.state();
    if (state.status === "completed" || state.status === "failed" || state.status === "cancelled")
      return;
    try {
      await runtime.append(this.runId, [{ type: "run_cancelled", data: {} }]);
    } catch (error) {
      if ((await this.state()).status === "pending" || (await this.state()).status === "running")
        throw error;
    }
  }

  private async waitForEnd(): Promise<RunState> {
    const runtime = await this.runtime;
    return new Promise<RunState>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let unsubscribe = () => {};
      const check = async () => {
        try {
          const state = await this.state();
          if (
            state.status === "completed" ||
            state.status === "failed" ||
            state.status === "cancelled"
          ) {
            clearTimeout(timer);
            unsubscribe();
            resolve(state);
            return true;
          }
        } catch (error) {
          clearTimeout(timer);
          unsubscribe();
          reject(error);
          return true;
        }
        return false;
      };
      // In-process runs end with an event we see at once; others are polled.
      unsubscribe = runtime.subscribe((event) => {
        if (event.runId === this.runId && TERMINAL_RUN_EVENTS.has(event.type)) void check();
      });
      const poll = async () => {
        if (!(await check())) timer = setTimeout(poll, POLL_MS);
      };
      void poll();
    });
  }
}
