import { shortNameOf } from "../../protocol/ids.js";
import { createSeededRandom } from "../engine/ids.js";
import type { StoredEvent } from "../worlds/shared/events.js";
import type { QueueMessage } from "../worlds/shared/world.js";
import type { CompletionPicker, Decisions, StreamWrite } from "./decisions.js";
import type { FaultPlan } from "./faults.js";

/** What a simulation varies between schedules; each is on unless turned off. */
export interface Variations {
  /** The order in which concurrent steps complete. @default true */
  order?: boolean;
  /** Processes killed after events of the run (at most 2 per schedule). @default true */
  crashes?: boolean;
  /** Messages delivered twice. @default true */
  duplicates?: boolean;
  /** Messages held back on the virtual clock (up to `maxDelayMs`). @default true */
  delays?: boolean;
  /** When simulated hook payloads arrive (up to `maxHookDelayMs` after the hook is created). @default true */
  hookTimes?: boolean;
  /** The longest delivery delay, virtual ms. @default 10000 */
  maxDelayMs?: number;
  /** The longest wait before a simulated hook payload arrives, virtual ms. @default 3600000 */
  maxHookDelayMs?: number;
}

const MAX_CRASHES = 2;

/**
 * One schedule of a simulation: every choice a test runtime asks about (`Decisions`) answered by
 * one PRNG seeded with `<seed>:<index>`, on top of the test's explicit faults, and written down
 * as a trace. The same key makes the same choices in the same order, so the same trace.
 */
export class Schedule implements Decisions {
  readonly trace: string[] = [];
  readonly #random: () => number;
  readonly #plan: FaultPlan;
  readonly #vary: Required<Variations>;
  readonly #crashRate: number;
  readonly #duplicateRate: number;
  readonly #delayRate: number;
  #crashes = 0;

  constructor(
    readonly key: string,
    plan: FaultPlan,
    vary: Variations = {},
  ) {
    this.#random = createSeededRandom(`simulate:${key}`);
    this.#plan = plan;
    this.#vary = {
      order: vary.order ?? true,
      crashes: vary.crashes ?? true,
      duplicates: vary.duplicates ?? true,
      delays: vary.delays ?? true,
      hookTimes: vary.hookTimes ?? true,
      maxDelayMs: vary.maxDelayMs ?? 10_000,
      maxHookDelayMs: vary.maxHookDelayMs ?? 3_600_000,
    };
    // Each kind of fault is in a share of the schedules, so that many schedules have one kind
    // alone (a failure is easier to read) and some have all of them.
    this.#crashRate = this.#vary.crashes && this.#random() < 0.4 ? 0.1 : 0;
    this.#duplicateRate = this.#vary.duplicates && this.#random() < 0.3 ? 0.3 : 0;
    this.#delayRate = this.#vary.delays && this.#random() < 0.3 ? 0.3 : 0;
  }

  /** Adds a line to the trace (something that happened without a choice, e.g. a refused hook). */
  note(line: string): void {
    this.trace.push(line);
  }

  crashAfter(event: StoredEvent): boolean {
    if (this.#plan.crashAfter(event)) return true;
    if (this.#crashRate === 0 || this.#crashes >= MAX_CRASHES) return false;
    if (this.#random() >= this.#crashRate) return false;
    this.#crashes++;
    this.trace.push(`crash after event ${event.index} (${event.type})`);
    return true;
  }

  delayOf(message: QueueMessage): number {
    const explicit = this.#plan.delayOf(message);
    if (this.#delayRate === 0 || this.#random() >= this.#delayRate) return explicit;
    const delay = 1 + Math.floor(this.#random() * this.#vary.maxDelayMs);
    this.trace.push(`delay ${describe(message)} ${delay}ms`);
    return explicit + delay;
  }

  duplicate(message: QueueMessage): boolean {
    if (this.#plan.duplicate(message)) return true;
    if (this.#duplicateRate === 0 || this.#random() >= this.#duplicateRate) return false;
    this.trace.push(`duplicate ${describe(message)}`);
    return true;
  }

  pickerFor(runId: string): CompletionPicker | undefined {
    const explicit = this.#plan.pickerFor(runId);
    if (explicit || !this.#vary.order) return explicit;
    return (waiting) => {
      const index = Math.floor(this.#random() * waiting.length);
      const names = waiting.map((w) => `${shortNameOf(w.stepName)}#${w.attempt}`);
      this.trace.push(`complete ${names[index]} first of [${names.join(", ")}]`);
      return index;
    };
  }

  failStreamWrite(write: StreamWrite): boolean {
    return this.#plan.failStreamWrite(write);
  }

  /** How long after it is created the payload of hook `label` arrives (virtual ms). */
  hookDelay(label: string): number {
    const delay =
      this.#vary.hookTimes && this.#random() < 0.7
        ? Math.floor(this.#random() * this.#vary.maxHookDelayMs)
        : 0;
    this.trace.push(`hook ${label} payload after ${delay}ms`);
    return delay;
  }
}

function describe(message: QueueMessage): string {
  return message.kind === "workflow" ? "workflow message" : `step message`;
}
