import { maxDeliveries } from "../shared/max-deliveries.js";
import {
  assertQueueMessage,
  type ConsumeOptions,
  type EnqueueOptions,
  type Queue,
  type QueueHandler,
  type QueueMessage,
} from "../shared/world.js";

/** Options of the in-process queue. */
export interface LocalQueueOptions {
  /** Handlers running at once. @default 32 */
  concurrency?: number;
  /** Delay before the first redelivery of a message whose handler threw; doubles per attempt. @default 50 */
  retryBaseMs?: number;
  /** Longest delay between redeliveries. @default 5000 */
  retryMaxMs?: number;
  /**
   * Deliveries in a row of a message whose handler keeps throwing before it is given up (the
   * consumer's `onGiveUp` is told; the runtime fails the run with DELIVERY_FAILED).
   * @default process.env.WORKFLOW_MAX_DELIVERIES ?? 20
   */
  maxDeliveries?: number;
  /** Receives handler failures and other diagnostics; nothing is logged when undefined. */
  debug?: (message: string, details?: Record<string, unknown>) => void;
}

interface Entry {
  message: QueueMessage;
  key: string | undefined;
  /** Deliveries so far. */
  attempt: number;
  /** Epoch ms before which the message is not delivered. */
  dueAt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Dropped by `cancel` while due: skipped when its turn comes. */
  cancelled?: boolean;
}

/** setTimeout's longest delay; longer sleeps re-arm their timer until they are due. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * An in-process dispatcher. Delayed messages sit on ordinary (ref'd) timers: a worker whose runs
 * are all sleeping stays alive while its world is open, and `close()` clears them. Delivery is
 * at-least-once: a handler that throws gets the message again after an exponential backoff, up
 * to `maxDeliveries` deliveries in a row; then the consumer's `onGiveUp` is told and it is dropped.
 * Nothing survives the process; the world's `start()` re-enqueues unfinished runs instead.
 */
export class LocalQueue implements Queue {
  readonly #concurrency: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #maxDeliveries: number;
  readonly #debug: LocalQueueOptions["debug"];
  #handler: QueueHandler | undefined;
  #consumer: ConsumeOptions = {};
  /** Due messages in delivery order; `#head` is the next one (cheaper than `shift()`). */
  #ready: Entry[] = [];
  #head = 0;
  /** Messages on a timer. */
  readonly #delayed = new Set<Entry>();
  /** Keyed messages that wait (delayed or ready): the ones a new message with the key dedupes against. */
  readonly #waiting = new Map<string, Entry>();
  readonly #inFlight = new Set<Promise<void>>();
  #pumpScheduled = false;
  #closing: Promise<void> | undefined;

  constructor(options: LocalQueueOptions = {}) {
    this.#concurrency = positive(options.concurrency, 32, "concurrency");
    this.#retryBaseMs = positive(options.retryBaseMs, 50, "retryBaseMs");
    this.#retryMaxMs = positive(options.retryMaxMs, 5_000, "retryMaxMs");
    this.#maxDeliveries = maxDeliveries(options.maxDeliveries);
    this.#debug = options.debug;
  }

  /**
   * Accepts a message. With a `key` held by a waiting message, this one is dropped (both say the
   * same thing), but the waiting one moves earlier if this one was due sooner, so a wake-up is
   * never postponed behind a long sleep. After `close()` messages are dropped: the next
   * `start()` recovers unfinished runs.
   */
  async enqueue(message: QueueMessage, options: EnqueueOptions = {}): Promise<void> {
    assertQueueMessage(message);
    if (this.#closing) return;
    const delay = Number.isFinite(options.delayMs) ? Math.max(0, options.delayMs as number) : 0;
    this.#add({ message, key: options.key, attempt: 0, dueAt: Date.now() + delay });
  }

  async cancel(key: string): Promise<void> {
    const entry = this.#waiting.get(key);
    if (!entry) return;
    this.#waiting.delete(key);
    if (entry.timer) {
      clearTimeout(entry.timer);
      delete entry.timer;
      this.#delayed.delete(entry);
    } else entry.cancelled = true;
  }

  consume(handler: QueueHandler, options: ConsumeOptions = {}): void {
    if (typeof handler !== "function") throw new TypeError("queue.consume() needs a function");
    if (this.#handler)
      throw new Error("This queue already has a consumer; a queue has exactly one");
    this.#handler = handler;
    this.#consumer = options;
    this.#schedulePump();
  }

  /** Messages waiting to be delivered (for tests and diagnostics). */
  get size(): number {
    return this.#ready.length - this.#head + this.#delayed.size;
  }

  /** Stops intake, drops waiting messages and their timers, and waits for running handlers. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    for (const entry of this.#delayed) clearTimeout(entry.timer);
    this.#delayed.clear();
    this.#waiting.clear();
    this.#ready = [];
    this.#head = 0;
    // Handlers that finish now cannot start others (#pump checks #closing).
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Files `entry` as waiting, or folds it into the waiting message with the same key. */
  #add(entry: Entry): void {
    if (entry.key !== undefined) {
      const existing = this.#waiting.get(entry.key);
      if (existing) {
        if (entry.dueAt < existing.dueAt && existing.timer) this.#reschedule(existing, entry.dueAt);
        return;
      }
      this.#waiting.set(entry.key, entry);
    }
    this.#schedule(entry);
  }

  #schedule(entry: Entry): void {
    const delay = entry.dueAt - Date.now();
    if (delay <= 0) {
      this.#ready.push(entry);
      this.#schedulePump();
      return;
    }
    this.#delayed.add(entry);
    entry.timer = setTimeout(
      () => {
        this.#delayed.delete(entry);
        delete entry.timer;
        this.#schedule(entry); // due now, or re-armed for a delay past MAX_TIMER_MS
      },
      Math.min(delay, MAX_TIMER_MS),
    );
  }

  #reschedule(entry: Entry, dueAt: number): void {
    clearTimeout(entry.timer);
    delete entry.timer;
    this.#delayed.delete(entry);
    entry.dueAt = dueAt;
    this.#schedule(entry);
  }

  /** Delivery starts in a microtask, never inside the caller of `enqueue`. */
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
    if (!handler || this.#closing) return;
    while (this.#inFlight.size < this.#concurrency && this.#head < this.#ready.length) {
      const entry = this.#ready[this.#head++] as Entry;
      if (!entry.cancelled) this.#deliver(entry, handler);
    }
    if (this.#head > 1024 && this.#head * 2 > this.#ready.length) {
      this.#ready = this.#ready.slice(this.#head);
      this.#head = 0;
    }
  }

  #deliver(entry: Entry, handler: QueueHandler): void {
    // Delivered: from now on a message with the same key is new information, not a duplicate.
    if (entry.key !== undefined && this.#waiting.get(entry.key) === entry)
      this.#waiting.delete(entry.key);
    entry.attempt++;
    // `.then` keeps a handler that throws synchronously on the same path as one that rejects.
    const run: Promise<void> = Promise.resolve()
      .then(() => handler(entry.message, { attempt: entry.attempt }))
      .catch((error: unknown) => this.#retry(entry, error))
      .finally(() => {
        this.#inFlight.delete(run);
        this.#schedulePump();
      });
    this.#inFlight.add(run);
  }

  async #retry(entry: Entry, error: unknown): Promise<void> {
    if (entry.attempt >= this.#maxDeliveries) {
      this.#debug?.("queue handler failed on its last delivery; message given up", {
        message: entry.message,
        attempt: entry.attempt,
        error,
      });
      // Awaited, so that close() waits for the consumer to record the failure.
      await Promise.resolve()
        .then(() => this.#consumer.onGiveUp?.(entry.message, error, entry.attempt))
        .catch(() => {});
      return;
    }
    if (this.#closing) {
      this.#debug?.("queue handler failed during close; message dropped", {
        message: entry.message,
        error,
      });
      return;
    }
    const backoff = Math.min(this.#retryBaseMs * 2 ** (entry.attempt - 1), this.#retryMaxMs);
    this.#debug?.("queue handler failed; will redeliver", {
      message: entry.message,
      attempt: entry.attempt,
      backoffMs: backoff,
      error,
    });
    try {
      this.#consumer.onRetry?.(entry.message, error, entry.attempt);
    } catch {
      // A listener's failure is not the message's.
    }
    entry.dueAt = Date.now() + backoff;
    this.#add(entry);
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`Queue option ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}
