/**
 * The steps and sleeps of one workflow session: the step proxies and `sleep()` the workflow
 * calls inside the sandbox (each call takes the run's next correlation ID and returns a promise
 * that only the log settles), and the handlers of the step and wait events that settle them.
 */
import { deserialize, serialize, type StreamCodec } from "../serialization/index.js";
import { shortNameOf } from "../../protocol/ids.js";
import { toStoredError } from "../errors/index.js";
import { resolveDuration, type Duration } from "../workflow/duration.js";
import type { EventOf, StoredError, StoredEvent } from "../worlds/shared/events.js";
import type { Bridge } from "./sandbox/bridge.js";
import type { WorkflowCall } from "./session-errors.js";
import { ERRORS } from "../../protocol/symbols.js";

/** A step the workflow is waiting on; `created` once its `step_created` is in the log. */
export interface PendingStep {
  kind: "step";
  correlationId: string;
  stepName: string;
  /** Serialized `{ args, closure?, thisVal? }`, taken when the workflow made the call. */
  input: string;
  created: boolean;
}

export interface PendingWait {
  kind: "wait";
  correlationId: string;
  resumeAt: number;
  created: boolean;
}

/** What the steps and sleeps need from their session. */
export interface SessionStepsHost {
  /** The sandbox realm's global object. */
  readonly global: Record<PropertyKey, any>;
  readonly bridge: Bridge;
  /** Streams in the sandbox are handles (getWritable(), streams steps return). */
  readonly streams: StreamCodec;
  /** The run's clock: the time of the last event delivered. */
  now(): number;
  nextId(prefix: "step" | "wait"): string;
  isSettled(): boolean;
  diverge(event: StoredEvent, detail: string, call?: WorkflowCall): never;
  /** Where the workflow is calling from, when the session traces calls. */
  callSite?(): string | undefined;
}

type Settle = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Item = (PendingStep | PendingWait) & {
  done: boolean;
  settle: Settle;
  callSite: string | undefined;
};

type StepEvent =
  | "step_created"
  | "step_started"
  | "step_retrying"
  | "step_completed"
  | "step_failed"
  | "wait_created"
  | "wait_completed";

export class SessionSteps {
  /** Every call by correlation ID; an event of a finished one is not a divergence. */
  private readonly items = new Map<string, Item>();
  /** The calls not finished yet, in the order they were made: `pending()` reads only these. */
  private readonly open = new Set<Item>();

  constructor(private readonly host: SessionStepsHost) {}

  /** `WORKFLOW_SLEEP`: called by sleep() in the sandbox. */
  sleep(duration: Duration): Promise<unknown> {
    const resumeAt = resolveDuration(duration, this.host.now(), "sleep duration");
    return this.request({
      kind: "wait",
      correlationId: this.host.nextId("wait"),
      resumeAt,
      created: false,
    });
  }

  /** A realm function that calls step `stepName` (what `WORKFLOW_USE_STEP` returns). */
  createStepProxy(stepName: string, closure?: () => Record<string, unknown>): Function {
    const { global: g, bridge } = this.host;
    const proxy = bridge.expose(shortNameOf(stepName), (self, args) => {
      const thisVal = self === undefined || self === g || self === globalThis ? undefined : self;
      let input: string;
      try {
        const call = {
          args,
          ...(closure ? { closure: closure() } : {}),
          ...(thisVal !== undefined ? { thisVal } : {}),
        };
        input = serialize(call, {
          operation: `arguments of step "${stepName}"`,
          root: "call",
          streams: this.host.streams,
        });
      } catch (error) {
        return bridge.promise((_, reject) => reject(this.toSandboxError(toStoredError(error))));
      }
      return this.request({
        kind: "step",
        correlationId: this.host.nextId("step"),
        stepName,
        input,
        created: false,
      });
    });
    Object.defineProperty(proxy, "stepId", { value: stepName });
    return proxy;
  }

  /** Steps and sleeps the workflow still waits on. */
  pending(): (PendingStep | PendingWait)[] {
    const pending: (PendingStep | PendingWait)[] = [];
    for (const { done: _d, settle: _s, callSite: _c, ...item } of this.open) pending.push(item);
    return pending;
  }

  /** The calls the workflow waits on that the log has no event of yet, in call order. */
  unrecorded(): WorkflowCall[] {
    return [...this.open].filter((item) => !item.created).map(toCall);
  }

  /** Handlers return true when the event settled a promise the workflow awaits. */
  readonly handlers: { [K in StepEvent]: (event: EventOf<K>) => boolean } = {
    step_created: (event) => {
      const item = this.claim(event, "step");
      if (item.kind === "step" && item.stepName !== event.data.stepName) {
        this.host.diverge(
          event,
          `the log has step "${event.data.stepName}" there, but the workflow called "${item.stepName}"`,
          toCall(item),
        );
      }
      item.created = true;
      return false;
    },
    step_started: (event) => (this.claim(event, "step"), false),
    step_retrying: (event) => (this.claim(event, "step"), false),
    step_completed: (event) => {
      const item = this.claim(event, "step");
      const value = deserialize(event.data.result, {
        global: this.host.global,
        resolveStep: (id) => this.createStepProxy(id),
        streams: this.host.streams,
      });
      return this.finish(item, () => item.settle.resolve(value));
    },
    step_failed: (event) => {
      const item = this.claim(event, "step");
      return this.finish(item, () => item.settle.reject(this.toSandboxError(event.data.error)));
    },
    wait_created: (event) => {
      const item = this.claim(event, "wait");
      if (item.kind === "wait") item.resumeAt = event.data.resumeAt;
      item.created = true;
      return false;
    },
    wait_completed: (event) => {
      const item = this.claim(event, "wait");
      return this.finish(item, () => item.settle.resolve(undefined));
    },
  };

  private finish(item: Item, settle: () => void): boolean {
    if (item.done) return false;
    item.done = true;
    this.open.delete(item);
    settle();
    return true;
  }

  /** The item an event belongs to; an event nobody asked for is a divergence. */
  private claim(event: StoredEvent, kind: Item["kind"]): Item {
    const item = event.correlationId ? this.items.get(event.correlationId) : undefined;
    if (!item || item.kind !== kind) {
      this.host.diverge(
        event,
        `the workflow made no ${kind === "step" ? "step call" : "sleep"} with ID ${event.correlationId} at this point`,
        item ? toCall(item) : this.unrecorded()[0],
      );
    }
    return item!;
  }

  private request(item: PendingStep | PendingWait): Promise<unknown> {
    const promise = this.host.bridge.promise;
    if (this.host.isSettled()) return promise(() => {});
    return promise((resolve, reject) => {
      const open: Item = {
        ...item,
        done: false,
        settle: { resolve, reject },
        callSite: this.host.callSite?.(),
      };
      this.items.set(item.correlationId, open);
      this.open.add(open);
    });
  }

  /** A failed step's error as the workflow sees it: a FatalError of the sandbox's realm. */
  private toSandboxError(stored: StoredError): Error {
    const g = this.host.global;
    const classes = g[ERRORS] as { FatalError?: new (m: string) => Error } | undefined;
    const error = classes?.FatalError
      ? new classes.FatalError(stored.message)
      : Object.assign(new g.Error(stored.message) as Error, { name: "FatalError", fatal: true });
    if (stored.name && stored.name !== "FatalError")
      Object.defineProperty(error, "cause", {
        value: Object.assign(new g.Error(stored.message), {
          name: stored.name,
          stack: stored.stack,
        }),
        configurable: true,
      });
    if (stored.stack) error.stack = stored.stack;
    if (stored.code) Object.assign(error, { code: stored.code });
    return error;
  }
}

function toCall(item: Item): WorkflowCall {
  return {
    kind: item.kind,
    ...(item.kind === "step" ? { name: item.stepName } : {}),
    ...(item.callSite ? { callSite: item.callSite } : {}),
  };
}
