import type { StoredEvent } from "../worlds/shared/events.js";
import type { QueueMessage } from "../worlds/shared/world.js";

/** A step attempt that finished and waits to be recorded (see `Faults.reorderCompletions`). */
export interface WaitingCompletion {
  /** The step's ID (`step//./src/orders//chargeCard`). */
  stepName: string;
  /** The step call's ID in the run's log (the `correlationId` of its events). */
  correlationId: string;
  runId: string;
  args: unknown[];
  attempt: number;
  /** Whether the attempt returned or threw. */
  outcome: "returned" | "threw";
}

/** Picks which of `waiting` (in the order they started) is recorded next: its index. */
export type CompletionPicker = (waiting: WaitingCompletion[]) => number;

/** A chunk about to be stored in a run's stream. */
export interface StreamWrite {
  runId: string;
  /** The store name: `user` (the default stream), `user:<namespace>`, `stream:<id>`. */
  name: string;
  /** The chunk's index in the stream. */
  index: number;
}

/**
 * What a test runtime asks whenever production could go more than one way. Explicit faults
 * (`FaultPlan`) answer from the test's lists; a simulation (`Schedule`) from its seeded PRNG.
 */
export interface Decisions {
  /** Whether the process dies right after `event` is stored. */
  crashAfter(event: StoredEvent): boolean;
  /** How long (virtual ms) to hold `message` back before it may be delivered. */
  delayOf(message: QueueMessage): number;
  /** Whether to deliver `message` a second time. */
  duplicate(message: QueueMessage): boolean;
  /** How to order the completions of `runId`'s concurrent steps; undefined: as they finish. */
  pickerFor(runId: string): CompletionPicker | undefined;
  /** Whether storing this chunk fails. */
  failStreamWrite(write: StreamWrite): boolean;
}
