import { getDefaultRuntime } from "../engine/default-runtime.js";
import { createRunId, createSeed } from "../engine/ids.js";
import type { Runtime } from "../engine/runtime.js";
import { InvalidWorkflowError, WorkflowError } from "../errors/index.js";
import { serialize } from "../serialization/index.js";
import {
  type ConcurrencyOption,
  resolveConcurrency,
  type WorkflowConcurrency,
} from "./concurrency-option.js";
import { createRunOnce, toIdempotencyKey } from "./idempotency.js";
import { Run } from "./run.js";
import { toRunTimeoutMs } from "./run-timeout.js";
import { queueKeys } from "../worlds/shared/world.js";

export interface StartOptions {
  /** Recorded with the run. */
  deploymentId?: string;
  /** The runtime to start the run on. @default the one set by the integration (`workflow/register`, a bundler plugin) */
  runtime?: Runtime;
  /**
   * How long the run may take ("1h", or milliseconds), counted from its creation: a run still
   * going then fails with RunTimeoutError (code RUN_TIMEOUT). Durable: it holds across restarts.
   * @default no limit
   */
  timeout?: string | number;
  /**
   * At most `limit` runs of `key` run at once; a run over the limit is created `pending` and
   * starts, in creation order, when a slot frees. Overrides the workflow's own `concurrency`.
   * @default the workflow's `concurrency`, else no limit
   */
  concurrency?: ConcurrencyOption;
  /**
   * Starts the run at most once per key: a later start with a key that a retained run holds
   * (whatever its state, until `prune` or retention deletes it) starts nothing and returns a
   * handle on that run, with `run.idempotency.existing` true and `argsMatch` saying whether its
   * arguments were these. A non-empty string of at most 256 characters, e.g. `"order:1001"`.
   * Holds across processes and restarts on every world (on Postgres, across workers).
   */
  idempotencyKey?: string;
}

/**
 * A workflow as `start()` takes it: an async function marked `"use workflow"`, which the
 * integration (a bundler plugin, `workflow/register`) stamps with its `workflowId`. `Args` are
 * its parameters, `R` what it resolves to: `Run<R>.returnValue`.
 */
export type WorkflowFunction<Args extends unknown[] = any[], R = unknown> = ((
  ...args: Args
) => Promise<R>) & {
  /** Set by the integration; `start()` refuses a function without it. */
  workflowId?: string;
  /** The limit `start()` applies when its options name none (see `StartOptions.concurrency`). */
  concurrency?: WorkflowConcurrency;
};

/** The runtime `start()`/`getRun()` use: the one passed, or the process default. */
export async function resolveRuntime(runtime: Runtime | undefined): Promise<Runtime> {
  if (runtime) {
    await runtime.start();
    return runtime;
  }
  const fallback = await getDefaultRuntime();
  if (!fallback) {
    throw new WorkflowError(
      "NO_RUNTIME",
      `No workflow runtime in this process. Run the app with \`node --import workflow/register\`, add the workflow plugin to your bundler config, or pass { runtime } to start().`,
    );
  }
  return fallback;
}

/**
 * Starts a run of `workflow` and returns at once, once the run is recorded and queued;
 * `await run.returnValue` waits for its result. This form is for a workflow without parameters;
 * one with parameters takes them as an array: `start(processOrder, [order])`.
 */
export function start<R>(workflow: WorkflowFunction<[], R>): Promise<Run<R>>;
/**
 * Starts a run of `workflow` with `args`, its parameters as an array, and returns at once, once
 * the run is recorded and queued; `await run.returnValue` waits for its result.
 */
export function start<Args extends unknown[], R>(
  workflow: WorkflowFunction<Args, R>,
  args: NoInfer<Args>,
  options?: StartOptions,
): Promise<Run<R>>;
export async function start<Args extends unknown[], R>(
  workflow: WorkflowFunction<Args, R>,
  args?: Args,
  options: StartOptions = {},
): Promise<Run<R>> {
  const workflowName = typeof workflow === "function" ? workflow.workflowId : undefined;
  if (typeof workflowName !== "string") {
    throw new InvalidWorkflowError(
      typeof workflow === "function"
        ? `the function ${workflow.name || "(anonymous)"} without a workflowId`
        : String(typeof workflow),
    );
  }
  if (args !== undefined && !Array.isArray(args)) {
    throw new TypeError(
      `start(): the arguments of workflow "${workflowName}" must be an array, e.g. start(fn, [a, b]), got ${typeof args}`,
    );
  }
  const timeoutMs = toRunTimeoutMs(options.timeout);
  const input = serialize(args ?? [], {
    operation: `arguments of workflow "${workflowName}"`,
    root: "args",
  });
  const concurrency = resolveConcurrency(
    workflowName,
    workflow.concurrency,
    options.concurrency,
    args ?? [],
  );
  const idempotencyKey = toIdempotencyKey(options.idempotencyKey, "start()");
  const runtime = await resolveRuntime(options.runtime);
  const runId = createRunId();
  const created = {
    workflowName,
    input,
    seed: createSeed(),
    ...(options.deploymentId ? { deploymentId: options.deploymentId } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
  if (idempotencyKey !== undefined) {
    const once = await createRunOnce(runtime, runId, created, idempotencyKey);
    return new Run<R>(once.runId, Promise.resolve(runtime), once.idempotency);
  }
  await runtime.append(runId, [{ type: "run_created", data: created }]);
  await runtime.world.queue.enqueue(
    { kind: "workflow", runId },
    { key: queueKeys.workflow(runId) },
  );
  return new Run<R>(runId, Promise.resolve(runtime));
}

/** A handle on an existing run; `await run.status` rejects with WorkflowRunNotFoundError for an unknown ID. */
export function getRun<T = unknown>(runId: string, options: { runtime?: Runtime } = {}): Run<T> {
  return new Run<T>(runId, resolveRuntime(options.runtime));
}
