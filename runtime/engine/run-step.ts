import type { FailureCode } from "../../protocol/codes.js";
import { StepTimeoutError, toStoredError, toUserError } from "../errors/index.js";
import { getStepFunction, type StepFunction } from "../internal/private.js";
import { deserialize, serialize } from "../serialization/index.js";
import { FatalError, RetryableError } from "../workflow/errors.js";
import { runStepBody } from "../workflow/step-context.js";
import type { StoredError } from "../worlds/shared/events.js";
import type { RunState, StepState } from "../worlds/shared/state/types.js";
import { TERMINAL_RUN_STATUSES } from "../worlds/shared/state/types.js";
import { WorldError } from "../worlds/shared/world-error.js";
import { runEndedReason, startAttemptDeadline } from "./attempt-deadline.js";
import { systemClock } from "./clock.js";
import { type EngineContext, LATER } from "./context.js";
import { readStepOptions, type StepOptions } from "./read-step-options.js";
import { jitterKeyOf, retryDelayMs } from "./retry-policy.js";
import { mapStepStack } from "./step-stack.js";
import { createStepStreams } from "./stream-codecs.js";
import { queueKeys } from "../worlds/shared/world.js";

export { DEFAULT_MAX_RETRIES } from "./read-step-options.js";

interface StepCall {
  args: unknown[];
  closure?: Record<string, unknown>;
  thisVal?: unknown;
}

/** Handles a step message: one attempt of the step, then its outcome recorded and the workflow woken. */
export async function runStep(ctx: EngineContext, runId: string, stepId: string): Promise<void> {
  const key = `${runId}:${stepId}`;
  const running = ctx.inFlightSteps.get(key);
  if (running) {
    running.again = true;
    return;
  }
  const entry = { again: false };
  ctx.inFlightSteps.set(key, entry);
  try {
    do {
      entry.again = false;
      await attempt(ctx, runId, stepId);
    } while (entry.again);
  } finally {
    ctx.inFlightSteps.delete(key);
  }
}

async function attempt(ctx: EngineContext, runId: string, stepId: string): Promise<void> {
  const run = await ctx.world.getRun(runId, { delivery: ctx.delivery });
  const step = run?.steps.get(stepId);
  if (!run || !step || TERMINAL_RUN_STATUSES.has(run.status)) return;
  // Settled by an attempt whose wake-up of the workflow may be lost (its worker died before the
  // enqueue, or a server crash lost it; see World's "Durability"): wake it again (the key
  // dedupes a wake-up still waiting).
  if (step.status === "completed" || step.status === "failed") return wakeWorkflow(ctx, runId);
  const now = ctx.clock.now();
  if (step.retryAfter !== undefined && step.retryAfter > now) {
    await retryLater(ctx, runId, stepId, step.retryAfter - now);
    return;
  }

  // A step still "running" here has no attempt in this process (inFlightSteps). Its lease is
  // taken over only where the holder must be dead: this runtime itself (the attempt ended
  // without recording an outcome), or anyone in a world one process uses at a time. Otherwise
  // the world refuses the start with TOO_EARLY, and the message comes back when the lease ends.
  const takeover =
    step.status === "running" &&
    step.leaseOwner !== undefined &&
    (step.leaseOwner === ctx.instanceId || ctx.world.exclusive === true);
  if (
    step.status === "running" &&
    !takeover &&
    step.leaseUntil !== undefined &&
    step.leaseUntil > now
  ) {
    // Not an attempt of its own, so it uses up no retry: look again when the lease ends.
    await retryLater(ctx, runId, stepId, step.leaseUntil - now);
    return;
  }

  const fn = await ctx.bundles.getStep(step.stepName);
  if (!fn) {
    const error = {
      name: "StepNotFoundError",
      code: "STEP_NOT_FOUND" satisfies FailureCode,
      message: `Step "${step.stepName}" is not registered in the step bundle. Was it renamed or removed since the run started, or is its file missing from the build?`,
    };
    return fail(ctx, runId, step, error);
  }
  let options: StepOptions;
  try {
    options = readStepOptions(fn, step.stepName, ctx.retryDelayMs);
  } catch (error) {
    return fail(ctx, runId, step, toStoredError(error));
  }
  // The attempt of a process that died, past its deadline: it timed out, and is not run again
  // blindly. Its failure follows the retry policy like any other.
  if (step.status === "running" && step.deadline !== undefined && step.deadline <= now) {
    const timeoutMs = options.timeoutMs ?? step.deadline - (step.startedAt ?? step.deadline);
    const timedOut = new StepTimeoutError(step.stepName, step.attempt, timeoutMs);
    return handleThrow(ctx, run, step, timedOut, step.attempt, options);
  }
  const { maxAttempts } = options.policy;
  const attemptNumber = step.attempt + 1;
  if (attemptNumber > maxAttempts) {
    // Only after crashes mid-attempt: every attempt was started and none recorded an outcome.
    return fail(ctx, runId, step, {
      name: "FatalError",
      code: "MAX_RETRIES" satisfies FailureCode,
      message: `Step "${step.stepName}" exceeded its ${retriesText(maxAttempts - 1)} (its attempts did not finish).`,
      ...(step.lastError?.stack ? { stack: step.lastError.stack } : {}),
    });
  }
  const startedAt = ctx.clock.now();
  try {
    await ctx.append(runId, [
      {
        type: "step_started",
        correlationId: stepId,
        data: {
          attempt: attemptNumber,
          leaseUntil: startedAt + ctx.stepLeaseMs,
          owner: ctx.instanceId,
          ...(takeover ? { takeover } : {}),
          ...(options.timeoutMs !== undefined ? { deadline: startedAt + options.timeoutMs } : {}),
        },
      },
    ]);
  } catch (error) {
    if (WorldError.is(error, "TOO_EARLY"))
      return retryLater(ctx, runId, stepId, (error.retryAfter ?? now) - ctx.clock.now());
    if (WorldError.is(error, "ENTITY_CONFLICT") || WorldError.is(error, "RUN_TERMINAL")) return;
    throw error;
  }

  const streams = createStepStreams(ctx.world.streams, runId);
  let call: StepCall;
  try {
    call = deserialize(step.input, {
      streams: streams.codec,
      operation: `arguments of step "${step.stepName}"`,
      resolveStep: resolveStepFunction(ctx),
    }) as StepCall;
  } catch (error) {
    return fail(ctx, runId, step, toStoredError(error, "SERIALIZATION_FAILED"));
  }

  const deadline = startAttemptDeadline(step.stepName, attemptNumber, options.timeoutMs);
  const jitterKey = jitterKeyOf(run.seed, stepId);
  const context = {
    step: {
      stepId,
      stepName: step.stepName,
      attempt: attemptNumber,
      stepStartedAt: new Date(step.startedAt ?? now),
      // A getter: "if this attempt failed now" (getStepMetadata() copies it at each call).
      get nextRetryAt() {
        if (attemptNumber >= options.policy.maxAttempts) return undefined;
        return new Date(ctx.clock.now() + retryDelayMs(options.policy, attemptNumber, jitterKey));
      },
      get signal() {
        return deadline.signal;
      },
    },
    workflow: {
      workflowRunId: runId,
      workflowName: run.workflowName,
      workflowStartedAt: new Date(run.startedAt ?? run.createdAt),
      url: ctx.url,
    },
    streams: streams.access,
    closureVars: call.closure,
  };
  // Renewed until the outcome is recorded: chunks still being stored count as running.
  const lease = renewLease(ctx, runId, stepId, attemptNumber, (ended) =>
    deadline.abort(runEndedReason(ended)),
  );
  try {
    let result: string;
    try {
      const value = await Promise.race([
        runStepBody(context, () => fn.apply(call.thisVal, call.args)),
        deadline.expired,
      ]);
      // Chunks the step wrote are stored before it counts as completed (a failed write retries it).
      await streams.pending.settle();
      try {
        result = serialize(value, {
          operation: `return value of step "${step.stepName}"`,
          streams: streams.codec,
        });
      } catch (error) {
        return fail(ctx, runId, step, toStoredError(error, "SERIALIZATION_FAILED"));
      }
    } catch (error) {
      return handleThrow(ctx, run, step, error, attemptNumber, options);
    }
    // "later": the workflow's next step starts durably before its body runs, which covers this
    // (and the run's end does); lost in a power loss, the step runs again, as after a kill
    // before it was recorded.
    await settle(ctx, runId, () =>
      ctx.append(
        runId,
        [{ type: "step_completed", correlationId: stepId, data: { result } }],
        LATER,
      ),
    );
  } finally {
    deadline.stop();
    lease.stop();
  }
}

/**
 * Renews the attempt's lease every third of its length until `stop`. A renewal the world
 * refuses (the attempt already ended) or that fails is left to the next one: a holder that
 * cannot renew is treated as dead once the lease runs out.
 */
function renewLease(
  ctx: EngineContext,
  runId: string,
  stepId: string,
  attempt: number,
  onRunEnded: (run: RunState) => void,
) {
  const timer = setInterval(() => {
    void (async () => {
      // The run may have ended meanwhile (cancelled, failed, timed out; by any process): the
      // step's signal tells its I/O. Appends to a step of an ended run are still accepted.
      const run = await ctx.world.getRun(runId);
      if (run && TERMINAL_RUN_STATUSES.has(run.status)) onRunEnded(run);
      await ctx.append(runId, [
        {
          type: "step_lease_renewed",
          correlationId: stepId,
          data: { attempt, leaseUntil: ctx.clock.now() + ctx.stepLeaseMs },
        },
      ]);
    })().catch(() => {});
  }, ctx.stepLeaseMs / 3);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

async function handleThrow(
  ctx: EngineContext,
  run: RunState,
  step: StepState,
  error: unknown,
  attemptNumber: number,
  options: StepOptions,
) {
  const stored = StepTimeoutError.is(error)
    ? toStoredError(error, "STEP_TIMEOUT")
    : toUserError(error);
  if (stored.stack) stored.stack = mapStepStack(stored.stack);
  if (FatalError.is(error)) return fail(ctx, run.runId, step, stored);
  const { policy } = options;
  if (attemptNumber >= policy.maxAttempts) {
    return fail(ctx, run.runId, step, {
      ...stored,
      message: `Step "${step.stepName}" failed after ${retriesText(policy.maxAttempts - 1)}: ${stored.message}`,
    });
  }
  // A RetryableError's retryAfter wins for the attempt it names; else the policy's delay.
  const now = ctx.clock.now();
  const fromError = RetryableError.is(error);
  const retryAfter = fromError
    ? onEngineClock(ctx, error.retryAfter.getTime())
    : now + retryDelayMs(policy, attemptNumber, jitterKeyOf(run.seed, step.stepId));
  const delayMs = Math.max(0, retryAfter - now);
  try {
    await ctx.append(run.runId, [
      {
        type: "step_retrying",
        correlationId: step.stepId,
        data: {
          error: stored,
          retryAfter,
          attempt: attemptNumber,
          delayMs,
          delayFrom: fromError ? "retryAfter" : "policy",
        },
      },
    ]);
  } catch (e) {
    if (WorldError.is(e, "ENTITY_CONFLICT") || WorldError.is(e, "RUN_TERMINAL")) return;
    throw e;
  }
  await retryLater(ctx, run.runId, step.stepId, retryAfter - ctx.clock.now());
}

const retriesText = (retries: number) => (retries === 1 ? "1 retry" : `${retries} retries`);

/**
 * A RetryableError's `retryAfter` is a real time (made in step code from Date.now()); on another
 * clock (a test's virtual one) the delay it leaves counts from that clock's now.
 */
function onEngineClock(ctx: EngineContext, realTime: number): number {
  return ctx.clock === systemClock ? realTime : ctx.clock.now() + (realTime - Date.now());
}

function retryLater(ctx: EngineContext, runId: string, stepId: string, delayMs: number) {
  return ctx.world.queue.enqueue(
    { kind: "step", runId, stepId },
    { key: queueKeys.step(runId, stepId), delayMs: Math.max(0, delayMs), delivery: ctx.delivery },
  );
}

async function fail(ctx: EngineContext, runId: string, step: StepState, error: StoredError) {
  await settle(ctx, runId, () =>
    ctx.append(runId, [{ type: "step_failed", correlationId: step.stepId, data: { error } }]),
  );
}

/** Records a step's terminal event (once: a second one is refused), then wakes the workflow. */
async function settle(ctx: EngineContext, runId: string, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    if (!WorldError.is(error, "ENTITY_CONFLICT") && !WorldError.is(error, "RUN_TERMINAL"))
      throw error;
  }
  await wakeWorkflow(ctx, runId);
}

function wakeWorkflow(ctx: EngineContext, runId: string): Promise<void> {
  return ctx.world.queue.enqueue(
    { kind: "workflow", runId },
    { key: queueKeys.workflow(runId), delivery: ctx.delivery },
  );
}

/**
 * Inside a step, a step function passed as a value is the function itself: it runs inline. One
 * whose code this process has not loaded yet (bundles load per file, on demand; a built-in step
 * loads none) is loaded when it is called.
 */
function resolveStepFunction(ctx: EngineContext) {
  return (stepId: string): StepFunction => {
    const loaded = getStepFunction(stepId);
    if (loaded) return loaded;
    const call = async (...args: unknown[]) => {
      const fn = await ctx.bundles.getStep(stepId);
      if (!fn)
        throw new Error(
          `Step "${stepId}" passed as an argument is not registered in this process.`,
        );
      return fn(...args);
    };
    return Object.defineProperty(call, "stepId", { value: stepId });
  };
}
