import { Run } from "../api/run.js";
import type { Runtime } from "../engine/runtime.js";
import { deserialize, type StreamCodec } from "../serialization/index.js";
import { type EventType, SERIALIZED_FIELDS, type StoredEvent } from "../worlds/shared/events.js";
import type { RunIdempotency } from "../api/idempotency.js";

/** An event of a run's log, with its stored values decoded (see {@link TestRun.events}). */
export interface RunEvent {
  /** Position in the log, from 0. */
  index: number;
  type: EventType;
  /** The step, wait or hook the event is about. */
  correlationId?: string;
  /** When it was stored: virtual epoch ms. */
  createdAt: number;
  /**
   * The event's data, with `input`, `output`, `result`, `payload` and `metadata` deserialized
   * (a step's `input` is `{ args, closure?, thisVal? }`); a value that cannot be rebuilt here (a
   * class no loaded code registers) stays the stored text.
   */
  data: Record<string, unknown>;
}

/** Streams show as their reference, step functions as a stub carrying their ID: nothing is opened or run. */
const inertStreams: StreamCodec = {
  reduce: () => {
    throw new Error("run events are only read");
  },
  revive: (data, kind) => ({ [kind]: data }),
};
const inertStep = (stepId: string) => Object.assign(() => {}, { stepId });

/** `event` with its stored values decoded. */
export function toRunEvent(event: StoredEvent): RunEvent {
  const data: Record<string, unknown> = { ...(event.data as Record<string, unknown>) };
  for (const key of SERIALIZED_FIELDS) {
    const text = data[key];
    if (typeof text !== "string") continue;
    try {
      data[key] = deserialize(text, {
        operation: `${key} of event ${event.index} (${event.type})`,
        streams: inertStreams,
        resolveStep: inertStep,
      });
    } catch {
      // Kept as stored: readable, and what `exportRun` would save.
    }
  }
  return {
    index: event.index,
    type: event.type,
    ...(event.correlationId !== undefined ? { correlationId: event.correlationId } : {}),
    createdAt: event.createdAt,
    data,
  };
}

/** A run handle of a test runtime: a `Run` of `workflow/api`, plus its event log. */
export class TestRun<T = unknown> extends Run<T> {
  readonly #runtime: Runtime;

  constructor(runId: string, runtime: Runtime, idempotency?: RunIdempotency) {
    super(runId, Promise.resolve(runtime), idempotency);
    this.#runtime = runtime;
  }

  /** The run's event log so far, values decoded; `runtime.events(run)` is the raw one. */
  get events(): Promise<RunEvent[]> {
    return this.#runtime.world.readEvents(this.runId).then((events) => events.map(toRunEvent));
  }
}
