import type { StoredEvent } from "../worlds/shared/events.js";
import type { StepFailure } from "./step-mocks.js";

/**
 * Faults a test injects, to check that a workflow survives what production may do to it.
 * `createTestRuntime({ faults })` applies them to every run; `runtime.start(wf, args, { faults })`
 * to one run (all but `duplicateDeliveries`).
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
  /** Steps that throw on the given attempts (1 is the first) before their body runs. */
  failSteps?: StepFailure[];
}

/** Which events of which runs the process dies after; each crashes once. */
export class CrashPlan {
  readonly #everyRun: number[];
  readonly #byRun = new Map<string, number[]>();
  readonly #done = new Set<string>();

  constructor(faults: Faults | undefined) {
    this.#everyRun = toList(faults?.crashAtEvent);
  }

  addRun(runId: string, faults: Faults | undefined): void {
    const list = toList(faults?.crashAtEvent);
    if (list.length) this.#byRun.set(runId, list);
  }

  /** True (once) when writing `event` kills the process. */
  hits(event: StoredEvent): boolean {
    const list = [...this.#everyRun, ...(this.#byRun.get(event.runId) ?? [])];
    if (!list.includes(event.index)) return false;
    const key = `${event.runId}#${event.index}`;
    if (this.#done.has(key)) return false;
    this.#done.add(key);
    return true;
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
