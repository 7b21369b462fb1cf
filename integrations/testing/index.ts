/**
 * `workflow/testing`: a runtime for tests (the production engine on an in-memory world and a
 * virtual clock), step mocks, and replay tests of recorded runs. The workflow and step bundles
 * are built from the project (as `workflow/register` does), on first use: importing this module
 * loads no bundler.
 */
import type { BundleSource } from "../../runtime/engine/context.js";
import type { WorkflowFunction } from "../../runtime/api/start.js";
import type { StoredEvent } from "../../runtime/worlds/shared/events.js";
import {
  createTestRuntimeWith,
  replayRunWith,
  simulateWith,
  type SimulateOptions,
  type SimulationReport,
  type ReplayRunReport,
  type RunExport,
  type TestRuntime,
  type TestRuntimeCoreOptions,
} from "../../runtime/testing/index.js";

export type { StepFailure } from "../../runtime/testing/step-mocks.js";
export {
  exportRun,
  SimulationFailure,
  TestRun,
  type HookPayloads,
  type Invariant,
  type InvariantContext,
  type SimulateOptions,
  type SimulatedHook,
  type SimulationOutcome,
  type SimulationReport,
  type Variations,
  VirtualClock,
  type CompletionPicker,
  type DelayDeliveries,
  type Faults,
  type RunEvent,
  type StreamWriteFailure,
  type TestStartOptions,
  type WaitingCompletion,
  type ReplayRunReport,
  type RunExport,
  type RunRef,
  type StepCall,
  type StepRef,
  type TestRuntime,
  type WaitTarget,
} from "../../runtime/testing/index.js";

/** Options of {@link createTestRuntime}. */
export interface TestRuntimeOptions extends Partial<TestRuntimeCoreOptions> {
  /**
   * The project root: workflow and step IDs are relative to it, and their files are found
   * under it (the same root as your bundler plugin's).
   * @default process.cwd()
   */
  root?: string;
}

/** Bundles built from `root` by esbuild and our compiler, loaded when a run first needs them. */
function projectBundles(root: string | undefined): BundleSource {
  let source: Promise<BundleSource> | undefined;
  const get = () =>
    (source ??= import("../bundling/bundle-source.js").then(({ createBundleSource }) =>
      createBundleSource(root === undefined ? {} : { root }),
    ));
  return {
    getWorkflowBundle: async (name) => (await get()).getWorkflowBundle(name),
    getStep: async (name) => (await get()).getStep(name),
  };
}

/**
 * A started test runtime. `sleep("7d")`, a RetryableError's `retryAfter` and hook timeouts
 * complete as soon as nothing else can happen; `runtime.advance("1h")` steps through time.
 */
export function createTestRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const { root, bundles, ...rest } = options;
  return createTestRuntimeWith({ ...rest, bundles: bundles ?? projectBundles(root) }).then(
    async (runtime) => {
      await runtime.start();
      return runtime;
    },
  );
}

/**
 * Replays a run's raw log (from `exportRun` or `wf inspect events <runId> --raw`) against the
 * current workflow code: `{ deterministic: true }`, or the first event where the code now does
 * something else, with what the log has, what the code does, and a code frame.
 */
export function replayRun(
  log: RunExport | StoredEvent[],
  workflow?: WorkflowFunction | string,
  options: { root?: string; bundles?: BundleSource } = {},
): Promise<ReplayRunReport> {
  const name = typeof workflow === "string" ? workflow : workflow?.workflowId;
  return replayRunWith(options.bundles ?? projectBundles(options.root), log, name);
}

/**
 * Runs `workflow(...args)` under `runs` seeded schedules (the order in which concurrent steps
 * complete, crashes, duplicate and delayed deliveries, when hook payloads arrive) and checks
 * after each that the run ended, that every completed step completed once, that the result is
 * the one of the first schedule (unless `races`), and `invariants`. Throws a `SimulationFailure`
 * naming the schedule (`"<seed>:<index>"`) and how to rerun just it; the same seed makes the
 * same schedules.
 */
export function simulate<Args extends unknown[], R>(
  workflow: WorkflowFunction<Args, R>,
  args: NoInfer<Args>,
  options: SimulateOptions<R> & { root?: string; bundles?: BundleSource } = {},
): Promise<SimulationReport> {
  const { root, bundles, ...rest } = options;
  return simulateWith(bundles ?? projectBundles(root), workflow, args, rest);
}
