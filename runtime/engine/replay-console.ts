/**
 * The console that workflow code gets: quiet while a run replays code that an earlier
 * invocation already ran, so that each line prints once however often the run is replayed (a
 * fresh sandbox after an eviction or a crash, every invocation with the sticky cache off).
 *
 * Workflow code runs in segments: the bundle's top level (segment -1), then the code each event
 * sets off when it settles something the workflow awaits (the segment is that event's index).
 * A segment is a replay when an earlier invocation ran it, which the session learns two ways:
 * - an earlier session of this process was fed the run's events up to some index (the
 *   constructor's `replayedEvents`);
 * - the log holds an event of a call (step, sleep, hook) that the replay made in that segment
 *   or a later one, or the run's end: only code that ran could have made those. Such events come
 *   later in the log than the segment, so the output of a segment that an event further on in
 *   the batch may prove a replay is held until the session gets there, then dropped or printed.
 * Output that nothing proves a replay is printed: at worst a line prints twice, never not at all.
 */
import type { StoredEvent } from "../worlds/shared/events.js";

/** The console methods workflow code can call; every one goes through the same check. */
export const CONSOLE_METHODS = [
  "log",
  "info",
  "warn",
  "error",
  "debug",
  "trace",
  "dir",
  "dirxml",
  "table",
  "group",
  "groupCollapsed",
  "groupEnd",
  "count",
  "countReset",
  "time",
  "timeLog",
  "timeEnd",
  "assert",
] as const;

type Method = (typeof CONSOLE_METHODS)[number];

/** The console a sandbox gets: only the methods above. */
export type SandboxConsole = Record<Method, (...args: unknown[]) => void>;

interface HeldCall {
  segment: number;
  method: Method;
  args: unknown[];
}

/**
 * Whether an earlier invocation must have run workflow code for `event` to be in the log: an
 * event of a call exists only once the code that made the call ran, the run's end once all of
 * it did.
 */
function provesCodeRan(event: StoredEvent): boolean {
  return (
    event.correlationId !== undefined ||
    event.type === "run_completed" ||
    event.type === "run_failed"
  );
}

export class ReplayConsole {
  /** What workflow code calls. */
  readonly console: SandboxConsole;
  readonly #target: Console;
  #segment = -1;
  /** Segments below this ran in an earlier invocation. */
  #replayedBelow: number;
  /** Segments below this may still be proven replays by events later in the batch: held. */
  #heldBelow: number;
  #held: HeldCall[] = [];
  /** The segment each call (by correlation ID) was made in, until an event proves it ran before. */
  readonly #calls = new Map<string, number>();

  /**
   * `replayedEvents`: the events of the run that an earlier session of this process was fed;
   * the code they set off does not print again. `target` receives what prints. @default console
   */
  constructor(replayedEvents = 0, target: Console = console) {
    this.#replayedBelow = replayedEvents;
    // The bundle's top level ran before if any call of the run did: the first batch tells.
    this.#heldBelow = 0;
    this.#target = target;
    const methods = {} as SandboxConsole;
    for (const method of CONSOLE_METHODS) methods[method] = (...args) => this.#call(method, args);
    this.console = Object.freeze(methods);
  }

  /** Records that the code running now made the call `correlationId`; returns it. */
  noteCall(correlationId: string): string {
    this.#calls.set(correlationId, this.#segment);
    return correlationId;
  }

  /** Before a batch is fed: output waits where events of the batch may still prove it a replay. */
  lookAhead(events: readonly StoredEvent[], cursor: number): void {
    for (const event of events) {
      if (event.index >= cursor && provesCodeRan(event))
        this.#heldBelow = Math.max(this.#heldBelow, event.index);
    }
  }

  /** Event `event` is being fed: drops what it proves ran before; what runs next is its segment. */
  note(event: StoredEvent): void {
    if (event.correlationId !== undefined) {
      const segment = this.#calls.get(event.correlationId);
      if (segment !== undefined) {
        this.#calls.delete(event.correlationId);
        this.#ranBefore(segment);
      }
    } else if (provesCodeRan(event)) this.#ranBefore(event.index - 1);
    this.#segment = event.index;
  }

  /** Runs `fn`, the bundle's top level, as segment -1 (the session evaluates it on first use). */
  topLevel<T>(fn: () => T): T {
    const segment = this.#segment;
    this.#segment = -1;
    try {
      return fn();
    } finally {
      this.#segment = segment;
    }
  }

  /** After a batch is fed: prints what is held and nothing proved a replay. */
  release(): void {
    this.#heldBelow = -1;
    const held = this.#held;
    this.#held = [];
    for (const call of held) this.#print(call.method, call.args);
  }

  /** An earlier invocation ran segment `segment`, and so every segment before it. */
  #ranBefore(segment: number): void {
    if (segment < this.#replayedBelow) return;
    this.#replayedBelow = segment + 1;
    this.#held = this.#held.filter((call) => call.segment > segment);
  }

  #call(method: Method, args: unknown[]): void {
    const segment = this.#segment;
    if (segment < this.#replayedBelow) return;
    // Behind held output, output waits too: lines print in the order they were made.
    if (segment < this.#heldBelow || this.#held.length > 0)
      this.#held.push({ segment, method, args });
    else this.#print(method, args);
  }

  #print(method: Method, args: unknown[]): void {
    // Looked up at each call, so that whatever replaced the method since (a test's spy) gets it.
    (this.#target[method] as (...args: unknown[]) => void)(...args);
  }
}
