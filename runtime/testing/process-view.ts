import { AsyncLocalStorage } from "node:async_hooks";
import type { NewEvent, StoredEvent } from "../worlds/shared/events.js";
import { TERMINAL_RUN_STATUSES } from "../worlds/shared/state/types.js";
import type {
  ConsumeOptions,
  EnqueueOptions,
  Queue,
  QueueHandler,
  QueueMessage,
  RunFilter,
  World,
} from "../worlds/shared/world.js";
import type { TestWorld } from "./test-world.js";

/** One simulated process: alive until `crash()`. */
interface Life {
  dead: boolean;
}

/** Which process a queue handler (and all it sets off) runs in; undefined for the test's own calls. */
const caller = new AsyncLocalStorage<Life>();

/** Whether the code running now was set off by a process that has been killed. */
export const inKilledProcess = (): boolean => caller.getStore()?.dead === true;

/** Runs `fn` as the test's own code, outside any simulated process (it survives their deaths). */
export const outsideProcesses = <T>(fn: () => T): T => caller.exit(fn);

/** What a killed process's pending call does: never return, so the code after it never runs. */
const never = <T>() => new Promise<T>(() => {});

/**
 * The test world as one process sees it, so that a process can be killed (fault injection):
 * once `crash()` is called, every call that process's handlers make never returns, as after
 * SIGKILL, while the stored logs stay. The next process gets a new view of the same world.
 * `onStored` sees every batch a handler of this process stored (to crash after a given event).
 */
export class ProcessView implements World {
  readonly name = "test";
  readonly exclusive = true;
  readonly queue: Queue;
  readonly #world: TestWorld;
  readonly #life: Life = { dead: false };
  readonly #onStored: (events: StoredEvent[]) => void;

  constructor(world: TestWorld, onStored: (events: StoredEvent[]) => void) {
    this.#world = world;
    this.#onStored = onStored;
    const life = this.#life;
    this.queue = {
      enqueue: (message: QueueMessage, options?: EnqueueOptions) =>
        this.#dead() ? never() : world.queue.enqueue(message, options),
      cancel: (key: string) => (this.#dead() ? never() : world.queue.cancel(key)),
      consume: (handler: QueueHandler, options?: ConsumeOptions) =>
        world.queue.consume(
          (message, delivery) => caller.run(life, () => handler(message, delivery)),
          options,
        ),
    };
  }

  /** Schedules are the world's: a killed process's ticker is stopped with its engine. */
  get schedules() {
    return this.#world.schedules;
  }

  get streams() {
    return this.#world.streams;
  }

  /** Kills this process: its handlers' calls never return from now on. */
  crash(): void {
    this.#life.dead = true;
  }

  #dead(): boolean {
    return caller.getStore()?.dead === true;
  }

  async start(): Promise<void> {
    // Recovery, as every world's start(): a workflow message for each unfinished run.
    const { runs } = await this.#world.listRuns({ limit: 1_000 });
    for (const run of runs.reverse()) {
      if (TERMINAL_RUN_STATUSES.has(run.status)) continue;
      await this.#world.queue.enqueue(
        { kind: "workflow", runId: run.runId },
        { key: `wf:${run.runId}` },
      );
    }
  }

  async append(runId: string, events: NewEvent[]): Promise<StoredEvent[]> {
    if (this.#dead()) return never();
    const stored = await this.#world.append(runId, events);
    if (caller.getStore() === this.#life) this.#onStored(stored);
    return this.#dead() ? never() : stored;
  }

  readEvents(runId: string, fromIndex?: number): Promise<StoredEvent[]> {
    return this.#dead() ? never() : this.#world.readEvents(runId, fromIndex);
  }

  getRun(runId: string) {
    return this.#dead() ? never<null>() : this.#world.getRun(runId);
  }

  listRuns(filter?: RunFilter) {
    return this.#world.listRuns(filter);
  }

  prune(options: { finishedBefore: number; limit?: number }) {
    return this.#world.prune(options);
  }

  getHookByToken(token: string) {
    return this.#world.getHookByToken(token);
  }

  getSecret() {
    return this.#world.getSecret();
  }

  /** Closing the last process closes the world; a killed one has nothing left to close. */
  async close(): Promise<void> {
    if (!this.#life.dead) await this.#world.close();
  }
}
