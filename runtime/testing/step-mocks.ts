import type { BundleSource } from "../engine/context.js";
import type { StepFunction } from "../internal/private.js";
import { getStepContext } from "../workflow/step-context.js";

/** A step as a test names it: the function the app imports (stamped with `stepId`), or its ID. */
export type StepRef = string | ((...args: any[]) => unknown) | { stepId: string };

/** A step made to fail on chosen attempts. */
export interface StepFailure {
  step: StepRef;
  attempts: number[];
  /** The message of the error thrown. @default "injected fault" */
  message?: string;
}

/** One attempt of a step, as the step body saw it. */
export interface StepCall {
  /** The step's ID (`step//./src/orders//chargeCard`). */
  stepName: string;
  /**
   * The step call's ID in the run's log (`correlationId` of its events): the same on every
   * attempt of one call, as `getStepMetadata().stepId` (an idempotency key) is.
   */
  correlationId: string | undefined;
  /** The arguments, deserialized as the step received them. */
  args: unknown[];
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  runId: string | undefined;
  /** Set once the attempt returned. */
  result?: unknown;
  /** Set once the attempt threw. */
  error?: unknown;
}

/** The step ID of `ref`; throws, saying how to fix it, for a function the compiler did not stamp. */
export function toStepId(ref: StepRef): string {
  if (typeof ref === "string") return ref;
  const stepId = (ref as { stepId?: unknown } | undefined)?.stepId;
  if (typeof stepId === "string") return stepId;
  throw new TypeError(
    `mockStep/calls: ${(typeof ref === "function" && ref.name) || "this function"} has no stepId. Pass the step function as your app imports it ` +
      `with the workflow plugin in your test runner (e.g. workflow/vite in vitest.config), or pass the step's ID ` +
      `("step//./src/file//name").`,
  );
}

/**
 * Step bodies for a test runtime: the bundle's, or a mock set by `mockStep`, each attempt
 * recorded. The engine around them is untouched (retries, leases, serialization).
 */
export class StepMocks {
  readonly #mocks = new Map<string, (...args: any[]) => unknown>();
  readonly #calls = new Map<string, StepCall[]>();
  readonly #all: StepCall[] = [];
  /** Waited for once an attempt's body settled, before the engine sees its outcome. */
  #beforeOutcome: ((call: StepCall) => Promise<void> | undefined) | undefined;
  readonly #failures: Array<{
    stepId: string;
    attempts: number[];
    message: string;
    runId?: string;
  }> = [];

  /** Fault injection: `step` throws on `attempts` (of `runId`'s calls only, when given). */
  failOn(failure: StepFailure, runId?: string): void {
    this.#failures.push({
      stepId: toStepId(failure.step),
      attempts: failure.attempts,
      message: failure.message ?? "injected fault",
      ...(runId !== undefined ? { runId } : {}),
    });
  }

  #injected(call: StepCall, stepId: string): Error | undefined {
    const failure = this.#failures.find(
      (f) =>
        f.stepId === stepId &&
        f.attempts.includes(call.attempt) &&
        (f.runId === undefined || f.runId === call.runId),
    );
    return failure && new Error(`${failure.message} (attempt ${call.attempt})`);
  }

  mock(ref: StepRef, body: (...args: any[]) => unknown): void {
    if (typeof body !== "function") throw new TypeError("mockStep: the mock must be a function");
    this.#mocks.set(toStepId(ref), body);
  }

  unmock(ref: StepRef): void {
    this.#mocks.delete(toStepId(ref));
  }

  calls(ref: StepRef): StepCall[] {
    return this.#calls.get(toStepId(ref)) ?? [];
  }

  /** Every attempt of every step, in the order they started. */
  all(): StepCall[] {
    return this.#all;
  }

  /** Holds each attempt's outcome until `hold(call)` settles (ordering concurrent completions). */
  holdOutcomes(hold: (call: StepCall) => Promise<void> | undefined): void {
    this.#beforeOutcome = hold;
  }

  /** `bundles` with every step body recorded, and mocked ones replaced. */
  wrap(bundles: BundleSource): BundleSource {
    return {
      getWorkflowBundle: (name) => bundles.getWorkflowBundle(name),
      getStep: async (stepId) => {
        const real = await bundles.getStep(stepId);
        const mocks = this.#mocks;
        if (!real && !mocks.has(stepId)) return undefined;
        const calls = this.#calls;
        const injected = (call: StepCall) => this.#injected(call, stepId);
        const all = this.#all;
        const hold = (call: StepCall) => this.#beforeOutcome?.(call);
        const recorded = async function (this: unknown, ...args: unknown[]) {
          const context = getStepContext();
          const call: StepCall = {
            stepName: stepId,
            correlationId: context?.step.stepId,
            args,
            attempt: context?.step.attempt ?? 1,
            runId: context?.workflow.workflowRunId,
          };
          let list = calls.get(stepId);
          if (!list) calls.set(stepId, (list = []));
          list.push(call);
          all.push(call);
          const body = mocks.get(stepId) ?? (real as StepFunction);
          let failed = false;
          try {
            const fault = injected(call);
            if (fault) throw fault;
            call.result = await body.apply(this, args);
          } catch (error) {
            call.error = error;
            failed = true;
          }
          await hold(call);
          if (failed) throw call.error;
          return call.result;
        };
        // The real step's options (fn.maxRetries, fn.retry, fn.timeout) apply to its mock too.
        const { maxRetries, retry, timeout } = (real ?? {}) as StepFunction;
        return Object.assign(recorded, {
          stepId,
          ...(maxRetries !== undefined ? { maxRetries } : {}),
          ...(retry !== undefined ? { retry } : {}),
          ...(timeout !== undefined ? { timeout } : {}),
        }) as StepFunction;
      },
    };
  }
}
