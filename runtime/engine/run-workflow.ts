import { toStoredError } from "../errors/index.js";
import type { NewEvent, StoredEvent } from "../worlds/shared/events.js";
import { TERMINAL_RUN_STATUSES } from "../worlds/shared/state/types.js";
import { WorldError } from "../worlds/shared/world-error.js";
import { isWaitingForSlot } from "./admission.js";
import { type EngineContext, LATER } from "./context.js";
import { enforceRunDeadline } from "./run-deadline.js";
import { type Outcome, type PendingItem, type PendingWait, WorkflowSession } from "./session.js";
import { type AppendOptions, queueKeys } from "../worlds/shared/world.js";

/** Appends, treating "the run already ended" as done rather than as a failure. */
async function appendUnlessEnded(
  ctx: EngineContext,
  runId: string,
  events: NewEvent[],
  options?: AppendOptions,
): Promise<boolean> {
  try {
    await ctx.append(runId, events, options);
    return true;
  } catch (error) {
    if (WorldError.is(error, "RUN_TERMINAL")) return false;
    throw error;
  }
}

/**
 * Handles a workflow message: replays (or resumes) the run up to the end of its log, then ends
 * the run, or records what it now waits on and schedules that work.
 */
export async function runWorkflow(ctx: EngineContext, runId: string): Promise<void> {
  // A world that may have lost events this process read (World.lossEpoch): what it kept of runs
  // is dropped, and each run is handled as a new process would, from its log.
  const lossEpoch = ctx.world.lossEpoch;
  if (ctx.cache.forgetOnLoss(lossEpoch)) ctx.scheduledRuns.clear();
  const run = await ctx.world.getRun(runId, { delivery: ctx.delivery });
  if (!run || TERMINAL_RUN_STATUSES.has(run.status)) {
    ctx.cache.drop(runId);
    ctx.fedEvents.delete(runId);
    return;
  }
  // start(..., { timeout }): a run past its deadline fails here; a new or recovered one is armed.
  if (await enforceRunDeadline(ctx, run, !ctx.scheduledRuns.has(runId))) return;
  if (isWaitingForSlot(run)) return; // the world enqueues it again once it holds a slot
  if (run.status === "pending")
    await appendUnlessEnded(ctx, runId, [{ type: "run_started", data: {} }], LATER);

  let session = ctx.cache.take(runId);
  // A run this process has not scheduled yet may have work a dead process left behind (steps,
  // wake-ups): all of its pending work is queued again. Queue keys dedupe what is still waiting.
  const recovering = !ctx.scheduledRuns.has(runId);
  try {
    if (!session) {
      const bundle = await ctx.bundles.getWorkflowBundle(run.workflowName);
      session = new WorkflowSession({
        runId,
        workflowName: run.workflowName,
        seed: run.seed,
        input: run.input,
        createdAt: run.createdAt,
        bundle,
        url: ctx.url,
        replayedEvents: ctx.fedEvents.get(runId) ?? 0,
        timeoutMs: ctx.workflowTimeoutMs,
      });
    }
    for (;;) {
      const outcome = await session.feed(
        await ctx.world.readEvents(runId, session.cursor, { delivery: ctx.delivery }),
      );
      ctx.fedEvents.set(runId, Math.max(ctx.fedEvents.get(runId) ?? 0, session.cursor));
      if (outcome.status !== "suspended") {
        await endRun(ctx, runId, outcome);
        return;
      }
      if (await advance(ctx, runId, outcome, recovering)) continue;
      if (ctx.world.lossEpoch !== lossEpoch) return; // read before a loss: not kept
      ctx.scheduledRuns.add(runId);
      ctx.cache.keep(runId, session);
      return;
    }
  } catch (error) {
    ctx.cache.drop(runId);
    if (WorldError.is(error)) throw error; // storage trouble: let the queue deliver again
    await appendUnlessEnded(ctx, runId, [
      { type: "run_failed", data: { error: toStoredError(error, "RUNTIME_ERROR") } },
    ]);
  }
}

async function endRun(
  ctx: EngineContext,
  runId: string,
  outcome: Exclude<Outcome, { status: "suspended" }>,
) {
  ctx.cache.drop(runId);
  const event: NewEvent =
    outcome.status === "completed"
      ? { type: "run_completed", data: { output: outcome.output } }
      : { type: "run_failed", data: { error: outcome.error } };
  await appendUnlessEnded(ctx, runId, [event]);
}

/** The event that records a pending item, if it needs one. */
function toEvent(item: PendingItem): NewEvent | null {
  switch (item.kind) {
    case "step":
      return item.created
        ? null
        : {
            type: "step_created",
            correlationId: item.correlationId,
            data: { stepName: item.stepName, input: item.input },
          };
    case "wait":
      return item.created
        ? null
        : {
            type: "wait_created",
            correlationId: item.correlationId,
            data: { resumeAt: item.resumeAt },
          };
    case "hook":
      if (!item.created) {
        return {
          type: "hook_created",
          correlationId: item.correlationId,
          data: {
            token: item.token,
            ...(item.metadata !== undefined ? { metadata: item.metadata } : {}),
            ...(item.isWebhook ? { isWebhook: true } : {}),
          },
        };
      }
      return item.disposed
        ? { type: "hook_disposed", correlationId: item.correlationId, data: {} }
        : null;
  }
}

/**
 * Records what the workflow now waits on (steps, waits, hooks, hook disposals), schedules steps
 * and wake-ups (new ones always, all of them when recovering), and completes waits that already
 * elapsed. Returns true when the workflow must be fed again at once: waits were completed, or
 * the world stored a hook as `hook_conflict` (awaiting it must throw now, not hang).
 */
async function advance(
  ctx: EngineContext,
  runId: string,
  outcome: Extract<Outcome, { status: "suspended" }>,
  recovering: boolean,
): Promise<boolean> {
  const created: NewEvent[] = [];
  for (const item of outcome.pending) {
    const event = toEvent(item);
    if (event) created.push(event);
  }
  let stored: StoredEvent[] = [];
  if (created.length) {
    // Steps and sleeps the run only makes again if they are lost: the step's start is durable
    // before its body runs. A hook is known outside the run (its token): durable now.
    const later = created.every((e) => e.type === "step_created" || e.type === "wait_created");
    try {
      stored = await ctx.append(runId, created, later ? LATER : undefined);
    } catch (error) {
      if (WorldError.is(error, "RUN_TERMINAL")) return false;
      throw error;
    }
  }

  const now = ctx.clock.now();
  const state = recovering ? await ctx.world.getRun(runId, { delivery: ctx.delivery }) : null;
  for (const item of outcome.pending) {
    if (item.created && !recovering) continue;
    if (item.kind === "step") {
      const retryAfter = state?.steps.get(item.correlationId)?.retryAfter ?? 0;
      await ctx.world.queue.enqueue(
        { kind: "step", runId, stepId: item.correlationId },
        {
          key: queueKeys.step(runId, item.correlationId),
          delayMs: Math.max(0, retryAfter - now),
          delivery: ctx.delivery,
        },
      );
    } else if (item.kind === "wait" && item.resumeAt > now) {
      await ctx.world.queue.enqueue(
        { kind: "workflow", runId },
        {
          key: queueKeys.wake(runId, item.correlationId),
          delayMs: item.resumeAt - now,
          delivery: ctx.delivery,
        },
      );
    }
  }

  // In the order they ended, not the order they were made: a race between sleeps that all
  // ended while this worker was busy is won by the one that ended first.
  const elapsed = outcome.pending
    .filter((item): item is PendingWait => item.kind === "wait" && item.resumeAt <= now)
    .sort((a, b) => a.resumeAt - b.resumeAt);
  if (elapsed.length) {
    const done: NewEvent[] = elapsed.map((item) => ({
      type: "wait_completed",
      correlationId: item.correlationId,
      data: {},
    }));
    return appendUnlessEnded(ctx, runId, done, LATER);
  }
  return stored.some((event) => event.type === "hook_conflict");
}
