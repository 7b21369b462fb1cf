import { maxDeliveries } from "../worlds/shared/max-deliveries.js";
import {
  assertQueueMessage,
  type ConsumeOptions,
  type EnqueueOptions,
  type Queue,
  type QueueHandler,
  type QueueMessage,
} from "../worlds/shared/world.js";
import type { VirtualClock } from "./virtual-clock.js";

interface Entry {
  message: QueueMessage;
  key: string | undefined;
  attempt: number;
  /** Virtual epoch ms before which the message is not delivered. */
  dueAt: number;
}

/** Options of {@link VirtualQueue}. */
export interface VirtualQueueOptions {
  /**
   * Jump the clock to the next due message whenever nothing runs and nothing is ready. Off, only
   * `release()` after the clock was moved delivers delayed messages.
   * @default true
   */
  autoAdvance?: boolean;
  /** Delay before redelivering a message whose handler threw; doubles per attempt. @default 50 */
  retryBaseMs?: number;
  /** Deliveries in a row of a message whose handler keeps throwing. @default 20 */
  maxDeliveries?: number;
  /** Fault injection: deliver every message twice (at-least-once means it may happen). @default false */
  duplicateDeliveries?: boolean;
  /** Fault injection, per message: a delay before it may be delivered, a second delivery. */
  deliveries?: DeliveryFaults;
}

/** Per-message fault injection of {@link VirtualQueue} (`Decisions` answers it). */
export interface DeliveryFaults {
  /** Virtual ms to hold a newly enqueued message back (0: none). */
  delayOf(message: QueueMessage): number;
  /** Whether to deliver the message a second time. */
  duplicate(message: QueueMessage): boolean;
}

/** Something the test does at a virtual time (a hook's payload arriving): not the process's. */
interface Timer {
  dueAt: number;
  fire: () => Promise<void>;
}

/**
 * The in-process queue of the test world, on a virtual clock: delayed messages sit in a list,
 * not on timers, and become due when the clock reaches them. Same contract as the local queue
 * (keys dedupe waiting messages, at-least-once with a backoff, `onGiveUp` after
 * `maxDeliveries`), so the engine behaves as in production.
 */
export class VirtualQueue implements Queue {
  readonly #clock: VirtualClock;
  readonly #autoAdvance: boolean;
  readonly #retryBaseMs: number;
  readonly #maxDeliveries: number;
  readonly #duplicate: boolean;
  readonly #deliveries: DeliveryFaults | undefined;
  readonly #timers = new Set<Timer>();
  /** Timers firing now: they outlive a crash (they are not the process's). */
  readonly #firing = new Set<Promise<void>>();
  /** Bumped by `crash()`: deliveries of an earlier process are forgotten. */
  #epoch = 0;
  #handler: QueueHandler | undefined;
  #consumer: ConsumeOptions = {};
  #ready: Entry[] = [];
  readonly #delayed = new Set<Entry>();
  readonly #waiting = new Map<string, Entry>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #idleListeners = new Set<() => void>();
  #pumpScheduled = false;
  #idleCheck: ReturnType<typeof setImmediate> | undefined;
  #closed = false;

  constructor(clock: VirtualClock, options: VirtualQueueOptions = {}) {
    this.#clock = clock;
    this.#autoAdvance = options.autoAdvance ?? true;
    this.#retryBaseMs = options.retryBaseMs ?? 50;
    this.#maxDeliveries = maxDeliveries(options.maxDeliveries);
    this.#duplicate = options.duplicateDeliveries ?? false;
    this.#deliveries = options.deliveries;
  }

  async enqueue(message: QueueMessage, options: EnqueueOptions = {}): Promise<void> {
    assertQueueMessage(message);
    if (this.#closed) return;
    let delay = Number.isFinite(options.delayMs) ? Math.max(0, options.delayMs as number) : 0;
    if (this.#deliveries) delay += this.#deliveries.delayOf(message);
    this.#add({ message, key: options.key, attempt: 0, dueAt: this.#clock.now() + delay });
  }

  async cancel(key: string): Promise<void> {
    const entry = this.#waiting.get(key);
    if (!entry) return;
    this.#waiting.delete(key);
    if (this.#delayed.delete(entry)) return;
    const at = this.#ready.indexOf(entry);
    if (at !== -1) this.#ready.splice(at, 1);
  }

  consume(handler: QueueHandler, options: ConsumeOptions = {}): void {
    if (this.#handler)
      throw new Error("This queue already has a consumer; a queue has exactly one");
    this.#handler = handler;
    this.#consumer = options;
    this.#schedulePump();
  }

  /** Nothing is running and nothing is due. */
  get idle(): boolean {
    return this.busyWith(0);
  }

  /** Nothing is ready, and exactly `handlers` handlers (or timers) are running. */
  busyWith(handlers: number): boolean {
    return (
      this.#inFlight.size + this.#firing.size === handlers &&
      this.#ready.length === 0 &&
      !this.#pumpScheduled
    );
  }

  /** When the next delayed message or timer is due (virtual epoch ms), if any. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const entry of [...this.#delayed, ...this.#timers])
      if (next === undefined || entry.dueAt < next) next = entry.dueAt;
    return next;
  }

  /**
   * Calls `fire` once the virtual clock reaches `dueAt`, as work of the test rather than of the
   * process (a crash does not drop it); until it has settled the queue is not idle.
   */
  addTimer(dueAt: number, fire: () => Promise<void>): void {
    if (this.#closed) return;
    this.#timers.add({ dueAt, fire });
    if (dueAt <= this.#clock.now()) this.release();
    else this.#scheduleIdleCheck();
  }

  /** Delivers every delayed message the clock has reached. */
  release(): void {
    const now = this.#clock.now();
    const due = [...this.#delayed].filter((e) => e.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const entry of due) {
      this.#delayed.delete(entry);
      this.#ready.push(entry);
    }
    if (due.length) this.#schedulePump();
    const timers = [...this.#timers]
      .filter((t) => t.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt);
    for (const timer of timers) {
      this.#timers.delete(timer);
      const firing: Promise<void> = Promise.resolve()
        .then(timer.fire)
        .catch(() => {})
        .finally(() => {
          this.#firing.delete(firing);
          this.#scheduleIdleCheck();
        });
      this.#firing.add(firing);
    }
  }

  /** Calls `listener` each time the queue settles idle (after auto-advance had its chance). */
  onIdle(listener: () => void): () => void {
    this.#idleListeners.add(listener);
    this.#scheduleIdleCheck();
    return () => this.#idleListeners.delete(listener);
  }

  /**
   * The consuming process died: its waiting messages are gone (they lived in its memory), its
   * running handlers no longer count, and a new process may `consume`.
   */
  crash(): void {
    this.#epoch++;
    this.#handler = undefined;
    this.#consumer = {};
    this.#delayed.clear();
    this.#waiting.clear();
    this.#ready = [];
    this.#inFlight.clear();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#idleCheck) clearImmediate(this.#idleCheck);
    this.#delayed.clear();
    this.#timers.clear();
    this.#waiting.clear();
    this.#ready = [];
    await Promise.allSettled([...this.#inFlight, ...this.#firing]);
  }

  #add(entry: Entry): void {
    if (entry.key !== undefined) {
      const existing = this.#waiting.get(entry.key);
      if (existing) {
        if (entry.dueAt < existing.dueAt && this.#delayed.has(existing)) {
          this.#delayed.delete(existing);
          existing.dueAt = entry.dueAt;
          this.#schedule(existing);
        }
        return;
      }
      this.#waiting.set(entry.key, entry);
    }
    this.#schedule(entry);
  }

  #schedule(entry: Entry): void {
    if (entry.dueAt <= this.#clock.now()) {
      this.#ready.push(entry);
      this.#schedulePump();
    } else {
      this.#delayed.add(entry);
      this.#scheduleIdleCheck();
    }
  }

  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    const handler = this.#handler;
    if (!handler || this.#closed) return;
    const ready = this.#ready;
    this.#ready = [];
    for (const entry of ready) {
      this.#deliver(entry, handler);
      if (entry.attempt === 1 && (this.#duplicate || this.#deliveries?.duplicate(entry.message)))
        this.#deliver({ ...entry, key: undefined, attempt: 0 }, handler);
    }
    this.#scheduleIdleCheck();
  }

  #deliver(entry: Entry, handler: QueueHandler): void {
    if (entry.key !== undefined && this.#waiting.get(entry.key) === entry)
      this.#waiting.delete(entry.key);
    entry.attempt++;
    const epoch = this.#epoch;
    const run: Promise<void> = Promise.resolve()
      .then(() => handler(entry.message, { attempt: entry.attempt }))
      .catch((error: unknown) => (epoch === this.#epoch ? this.#retry(entry, error) : undefined))
      .finally(() => {
        this.#inFlight.delete(run);
        this.#schedulePump();
        this.#scheduleIdleCheck();
      });
    this.#inFlight.add(run);
  }

  async #retry(entry: Entry, error: unknown): Promise<void> {
    if (entry.attempt >= this.#maxDeliveries) {
      await Promise.resolve()
        .then(() => this.#consumer.onGiveUp?.(entry.message, error, entry.attempt))
        .catch(() => {});
      return;
    }
    if (this.#closed) return;
    try {
      this.#consumer.onRetry?.(entry.message, error, entry.attempt);
    } catch {
      // A listener's failure is not the message's.
    }
    entry.dueAt = this.#clock.now() + Math.min(this.#retryBaseMs * 2 ** (entry.attempt - 1), 5_000);
    this.#add(entry);
  }

  /**
   * Once everything settled (a macrotask later, so that promise chains of the test and the engine
   * ran), jumps the clock to the next due message, or tells the idle listeners.
   */
  #scheduleIdleCheck(): void {
    if (this.#idleCheck || this.#closed || !this.#handler) return;
    this.#idleCheck = setImmediate(() => {
      this.#idleCheck = undefined;
      if (!this.idle || this.#closed) return;
      const next = this.nextDueAt();
      if (this.#autoAdvance && next !== undefined) {
        this.#clock.moveTo(next);
        this.release();
        return;
      }
      for (const listener of [...this.#idleListeners]) listener();
    });
  }
}
