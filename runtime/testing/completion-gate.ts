import type { CompletionPicker, WaitingCompletion } from "./decisions.js";
import { inKilledProcess } from "./process-view.js";
import type { VirtualQueue } from "./virtual-queue.js";

interface Held {
  completion: WaitingCompletion;
  release: () => void;
}

/**
 * Orders the completions of concurrent steps (`Faults.reorderCompletions`, and every simulated
 * schedule). A step attempt whose body finished waits here; once nothing else runs (every
 * running handler is one waiting here, checked a macrotask later so that other bodies finishing
 * in the same turn arrive too), the picker chooses one to go on: its outcome is recorded and the
 * workflow woken, and what that sets off settles before the next one is chosen. That is the same
 * as production's steps taking longer, so the engine is untouched.
 */
export class CompletionGate {
  readonly #queue: VirtualQueue;
  readonly #pickerFor: (runId: string) => CompletionPicker | undefined;
  #held: Held[] = [];
  #check: (() => void) | undefined;
  /** Checks in a row that found something else running (a body awaiting real I/O). */
  #busyChecks = 0;

  constructor(queue: VirtualQueue, pickerFor: (runId: string) => CompletionPicker | undefined) {
    this.#queue = queue;
    this.#pickerFor = pickerFor;
  }

  /** Resolves when `completion` may be recorded (at once for a run whose order is not chosen). */
  wait(completion: WaitingCompletion): Promise<void> | undefined {
    // A killed process's attempt goes on into calls that never return: nothing to order.
    if (!this.#pickerFor(completion.runId) || inKilledProcess()) return undefined;
    return new Promise<void>((release) => {
      this.#held.push({ completion, release });
      this.#scheduleCheck();
    });
  }

  /** The process died: what it held goes on (into calls that never return). */
  releaseAll(): void {
    const held = this.#held;
    this.#held = [];
    for (const h of held) h.release();
  }

  #scheduleCheck(): void {
    if (this.#check) return;
    // A macrotask later; after many checks that found a body still at work, a millisecond later,
    // so that a step awaiting real I/O is not waited for with a busy loop.
    const check = () => {
      if (this.#check !== check) return;
      this.#check = undefined;
      this.#release();
    };
    this.#check = check;
    if (this.#busyChecks < 100) setImmediate(check);
    else setTimeout(check, 1);
  }

  #release(): void {
    if (this.#held.length === 0) return;
    // Something else still runs (a body awaiting I/O, a workflow invocation): look again later.
    if (!this.#queue.busyWith(this.#held.length)) {
      this.#busyChecks++;
      return this.#scheduleCheck();
    }
    this.#busyChecks = 0;
    const runId = this.#held[0]!.completion.runId;
    const ofRun = this.#held.filter((h) => h.completion.runId === runId);
    const picker = this.#pickerFor(runId)!;
    const index = ofRun.length === 1 ? 0 : picker(ofRun.map((h) => h.completion));
    const chosen =
      ofRun[Number.isInteger(index) && index >= 0 && index < ofRun.length ? index : 0]!;
    this.#held.splice(this.#held.indexOf(chosen), 1);
    chosen.release();
    if (this.#held.length > 0) this.#scheduleCheck();
  }
}
