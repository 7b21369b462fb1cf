import { createSeededRandom } from "../engine/ids.js";
import type { StoredEvent } from "../worlds/shared/events.js";
import type { QueueMessage } from "../worlds/shared/world.js";
import type { CompletionPicker, Decisions, StreamWrite } from "./decisions.js";
import type { StepFailure } from "./step-mocks.js";

/**
 * Faults a test injects, to check that a workflow survives what production may do to it.
 * `createTestRuntime({ faults })` applies them to every run; `runtime.start(wf, args, { faults })`
 * to one run.
 */
export interface Faults {
  /**
   * Kill the process right after the runtime writes the run's event with this index (or each of
   * these), as SIGKILL would: its live sandboxes, queued messages and running handlers are gone,
   * the log stays, and a new process recovers the run from it.
   */
  crashAtEvent?: number | number[];
  /** Deliver every queue message twice, as an at-least-once queue may. @default false */
  duplicateDeliveries?: boolean;
  /**
   * Hold queue messages back on the virtual clock, as a slow queue would: each message, with
   * `probability`, waits a (seeded) random time up to `maxMs`; or a function that returns the
   * delay of each message (0 for none).
   */
  delayDeliveries?: DelayDeliveries | ((message: QueueMessage) => number);
  /**
   * The order in which concurrent steps complete. Each step that finished waits until nothing else
   * runs; then one of the waiting ones is recorded (its `step_completed` or `step_retrying`
   * written) and the workflow sees it. `"reverse"`: the last started first; `{ seed }`: a seeded
   * shuffle; a function: picks the index of the next one among the waiting (in start order).
   * @default the order they finish in
   */
  reorderCompletions?: "reverse" | { seed: string | number } | CompletionPicker;
  /** Steps that throw on the given attempts (1 is the first) before their body runs. */
  failSteps?: StepFailure[];
  /**
   * Writes to a run's stream that fail as the world's storage would (`STORAGE_TIMEOUT`, nothing
   * stored): the step writing chunk `atChunk` (0-based index in the stream) of stream `namespace`
   * throws, and is retried. Each fails once.
   */
  failStreamWrites?: StreamWriteFailure[];
}

/** See {@link Faults.delayDeliveries}. */
export interface DelayDeliveries {
  /** The longest delay, in virtual ms. */
  maxMs: number;
  /** The share of messages delayed. @default 1 */
  probability?: number;
  /** Seed of the random delays. @default "delay" */
  seed?: string | number;
}

/** See {@link Faults.failStreamWrites}. */
export interface StreamWriteFailure {
  /** The `getWritable({ namespace })` of the stream. @default the run's default stream */
  namespace?: string;
  /** The index of the chunk whose write fails. */
  atChunk: number;
}

/** Faults of one scope (the runtime, or one run), checked. */
class Scope {
  readonly crashes: number[];
  readonly delay: ((message: QueueMessage) => number) | undefined;
  readonly picker: CompletionPicker | undefined;
  readonly streamFailures: Array<{ name: string; atChunk: number }>;

  constructor(readonly faults: Faults) {
    this.crashes = toList(faults.crashAtEvent);
    this.delay = toDelay(faults.delayDeliveries);
    this.picker = toPicker(faults.reorderCompletions);
    this.streamFailures = (faults.failStreamWrites ?? []).map((f) => {
      if (!Number.isInteger(f.atChunk) || f.atChunk < 0)
        throw new RangeError(
          `faults.failStreamWrites: atChunk must be an integer >= 0, got ${f.atChunk}`,
        );
      return {
        name: f.namespace === undefined ? "user" : `user:${f.namespace}`,
        atChunk: f.atChunk,
      };
    });
  }
}

/**
 * The faults of a test runtime, for every run and per run, as the {@link Decisions} the runtime
 * asks. Each crash and each stream write failure happens once.
 */
export class FaultPlan implements Decisions {
  readonly #everyRun: Scope;
  readonly #byRun = new Map<string, Scope>();
  readonly #done = new Set<string>();

  constructor(faults: Faults | undefined) {
    this.#everyRun = new Scope(faults ?? {});
  }

  addRun(runId: string, faults: Faults | undefined): void {
    if (faults) this.#byRun.set(runId, new Scope(faults));
  }

  #scopes(runId: string): Scope[] {
    const run = this.#byRun.get(runId);
    return run ? [this.#everyRun, run] : [this.#everyRun];
  }

  #once(key: string): boolean {
    if (this.#done.has(key)) return false;
    this.#done.add(key);
    return true;
  }

  crashAfter(event: StoredEvent): boolean {
    const hit = this.#scopes(event.runId).some((s) => s.crashes.includes(event.index));
    return hit && this.#once(`crash:${event.runId}#${event.index}`);
  }

  delayOf(message: QueueMessage): number {
    let delay = 0;
    for (const scope of this.#scopes(message.runId)) delay += scope.delay?.(message) ?? 0;
    return delay;
  }

  duplicate(message: QueueMessage): boolean {
    return this.#scopes(message.runId).some((s) => s.faults.duplicateDeliveries === true);
  }

  pickerFor(runId: string): CompletionPicker | undefined {
    return this.#byRun.get(runId)?.picker ?? this.#everyRun.picker;
  }

  failStreamWrite(write: StreamWrite): boolean {
    const hit = this.#scopes(write.runId).some((s) =>
      s.streamFailures.some((f) => f.name === write.name && f.atChunk === write.index),
    );
    return hit && this.#once(`stream:${write.runId}:${write.name}#${write.index}`);
  }
}

function toList(value: number | number[] | undefined): number[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  for (const k of list)
    if (!Number.isInteger(k) || k < 1)
      throw new RangeError(
        `faults.crashAtEvent: ${k} is not an event index the runtime writes (an integer >= 1; event 0 is run_created, written by start())`,
      );
  return list;
}

function toDelay(
  value: Faults["delayDeliveries"],
): ((message: QueueMessage) => number) | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "function") return (message) => Math.max(0, Number(value(message)) || 0);
  const { maxMs, probability = 1, seed = "delay" } = value;
  if (!(maxMs >= 0))
    throw new RangeError(`faults.delayDeliveries: maxMs must be a number >= 0, got ${maxMs}`);
  const random = createSeededRandom(String(seed));
  return () => (random() < probability ? Math.floor(random() * (maxMs + 1)) : 0);
}

function toPicker(value: Faults["reorderCompletions"]): CompletionPicker | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "function") return value;
  if (value === "reverse") return (waiting) => waiting.length - 1;
  if (typeof value === "object" && value !== null && "seed" in value) {
    const random = createSeededRandom(String(value.seed));
    return (waiting) => Math.floor(random() * waiting.length);
  }
  throw new TypeError(
    `faults.reorderCompletions: expected "reverse", { seed } or a function, got ${JSON.stringify(value)}`,
  );
}
