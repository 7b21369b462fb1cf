import {
  WorkflowRunCancelledError,
  WorkflowRunFailedError,
  WorkflowRunNotFoundError,
} from "../errors/index.js";
import { deserialize } from "../serialization/index.js";
import type { Runtime } from "../engine/runtime.js";
import { createHostStreamCodec } from "../engine/stream-codecs.js";
import { createStoreReadable, type RunEnd, toRunEnd } from "../engine/stream-io.js";
import { type StreamNamespaceOptions, toUserStreamName } from "../workflow/stream-names.js";
import type { RunState, RunStatus } from "../worlds/shared/state/types.js";
import type { RunIdempotency } from "./idempotency.js";
import { TERMINAL_RUN_EVENTS } from "../worlds/shared/events.js";

export type { RunStatus } from "../worlds/shared/state/types.js";

/** Options of `run.getReadable()`. */
export interface WorkflowReadableStreamOptions extends StreamNamespaceOptions {
  /**
   * The first chunk to read, e.g. where a client that lost its connection stopped. Negative
   * counts back from the chunks written so far (-10: the last ten).
   * @default 0
   */
  startIndex?: number;
}

/** How often `returnValue` checks a run that another process executes. */
const POLL_MS = 200;

/** A handle on a workflow run. Cheap to create; every getter reads the world. */
export class Run<T = unknown> {
  constructor(
    /** The run's ID. */
    readonly runId: string,
    private readonly runtime: Promise<Runtime>,
    /**
     * Set on the handle `start(..., { idempotencyKey })` returns: whether it found an existing
     * run (`existing`) and whether that run's workflow and arguments match this start's
     * (`workflowMatch`, `argsMatch`), so the caller can decide what to do with a mismatch.
     * Undefined on other handles.
     */
    readonly idempotency?: RunIdempotency,
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
    return this.waitForEnd().then(async (state) => {
      if (state.status === "failed")
        throw new WorkflowRunFailedError(this.runId, state.error ?? { message: "unknown error" });
      if (state.status === "cancelled") throw new WorkflowRunCancelledError(this.runId);
      const { world } = await this.runtime;
      return deserialize(state.output!, {
        operation: `return value of run ${this.runId}`,
        // A stream in the value (one a step returned) reads from the world's stream store.
        streams: createHostStreamCodec({ store: world.streams }),
      }) as T;
    });
  }

  /**
   * The run's default output stream (what steps write through `getWritable()`), from its first
   * chunk: the same as `getReadable()`.
   */
  get readable(): ReadableStream {
    return this.getReadable();
  }

  /**
   * A live stream of the run's output (or of `namespace`) from `startIndex`: it gets every chunk
   * written so far, then each new one as it is written (also before the first one), and ends
   * when a step closes the stream. Chunks are what steps wrote: objects, strings or bytes.
   */
  getReadable<R = any>(options: WorkflowReadableStreamOptions = {}): ReadableStream<R> {
    const name = toUserStreamName(options.namespace, "getReadable()");
    const startIndex = options.startIndex ?? 0;
    if (!Number.isInteger(startIndex))
      throw new RangeError(`getReadable(): startIndex must be an integer, got ${startIndex}`);
    const store = this.runtime.then((runtime) => runtime.world.streams);
    store.catch(() => {}); // reported by the first read
    return createStoreReadable(
      store,
      { runId: this.runId, name },
      { startIndex, watchRunEnd: () => this.watchEnd() },
    );
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

  /** Resolves when the run ends (in this process, or already ended), for stream readers. */
  private watchEnd(): { ended: Promise<RunEnd>; stop(): void } {
    let stopped = false;
    let unsubscribe = () => {};
    const ended = new Promise<RunEnd>((settle) => {
      const resolve = (end: RunEnd) => {
        unsubscribe();
        settle(end);
      };
      void this.runtime.then(
        (runtime) => {
          if (stopped) return;
          unsubscribe = runtime.subscribe((event) => {
            if (event.runId !== this.runId || !TERMINAL_RUN_EVENTS.has(event.type)) return;
            const error = event.type === "run_failed" ? event.data.error : undefined;
            resolve(toRunEnd(this.runId, END_STATUS[event.type]!, error));
          });
          void runtime.world.getRun(this.runId).then(
            (state) => {
              if (!state) {
                // Nothing can ever write to it: say so rather than wait.
                const { name, message } = new WorkflowRunNotFoundError(this.runId);
                resolve({ name, message });
              } else if (isEnded(state.status)) {
                resolve(toRunEnd(this.runId, state.status, state.error));
              }
            },
            () => {}, // a reader that cannot watch the run still reads the stream
          );
        },
        () => {},
      );
    });
    return {
      ended,
      stop: () => {
        stopped = true;
        unsubscribe();
      },
    };
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

type RunStatusEnd = "completed" | "failed" | "cancelled";

const END_STATUS: Partial<Record<string, RunStatusEnd>> = {
  run_completed: "completed",
  run_failed: "failed",
  run_cancelled: "cancelled",
};

function isEnded(status: RunStatus): status is RunStatusEnd {
  return status === "completed" || status === "failed" || status === "cancelled";
}
