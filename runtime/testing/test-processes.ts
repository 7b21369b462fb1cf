import type { AppRuntime } from "../app/app-runtime.js";
import type { StoredEvent } from "../worlds/shared/events.js";
import type { Decisions } from "./decisions.js";
import { ProcessView } from "./process-view.js";
import type { TestWorld } from "./test-world.js";

/**
 * The simulated processes of a test runtime: one runs at a time, over the one test world. When
 * the crash plan says so, the running one is killed right after an event is stored (its calls
 * never return, its queue is lost) and a new one starts and recovers the runs from their logs.
 */
export class TestProcesses {
  readonly #world: TestWorld;
  readonly #make: (world: ProcessView) => AppRuntime;
  readonly #decisions: Pick<Decisions, "crashAfter">;
  readonly #onCrash: () => void;
  #view!: ProcessView;
  #engine!: AppRuntime;
  #started: Promise<void> | undefined;
  /** Processes killed so far. */
  crashes = 0;

  constructor(
    world: TestWorld,
    make: (world: ProcessView) => AppRuntime,
    decisions: Pick<Decisions, "crashAfter">,
    onCrash: () => void = () => {},
  ) {
    this.#world = world;
    this.#make = make;
    this.#decisions = decisions;
    this.#onCrash = onCrash;
    this.#spawn();
  }

  /** The running process's engine. */
  get engine(): AppRuntime {
    return this.#engine;
  }

  start(): Promise<void> {
    this.#started ??= this.#engine.start();
    return this.#started;
  }

  #spawn(): void {
    this.#view = new ProcessView(this.#world, (stored) => this.#afterStored(stored));
    this.#engine = this.#make(this.#view);
    this.#started = undefined;
  }

  #afterStored(stored: StoredEvent[]): void {
    if (!stored.some((event) => this.#decisions.crashAfter(event))) return;
    this.crashes++;
    this.#view.crash();
    this.#world.queue.crash();
    this.#onCrash();
    this.#spawn();
    void this.start();
  }
}
