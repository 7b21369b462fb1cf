import { randomBytes } from "node:crypto";
import { shortNameOf } from "../../protocol/ids.js";
import type { WorkflowFunction } from "../api/start.js";
import type { StoredError } from "../worlds/shared/events.js";
import type { RunStatus } from "../worlds/shared/state/types.js";
import type { Faults } from "./faults.js";
import {
  checkCompletedOnce,
  checkEnded,
  checkSameOutcome,
  type SimulationOutcome as Outcome,
} from "./invariants.js";
import { type RunEvent, toRunEvent } from "./run-events.js";
import { Schedule, type Variations } from "./schedule.js";
import { SimulationFailure } from "./simulation-failure.js";
import { deliverHookPayloads, type HookPayloads } from "./simulated-hooks.js";
import type { StepCall, StepRef } from "./step-mocks.js";
import { buildTestRuntime, type TestRuntime, type TestRuntimeCoreOptions } from "./test-runtime.js";
import { settleRun } from "./settle-run.js";

/** What an invariant gets after each schedule's run. */
export interface InvariantContext<R = unknown> {
  /** The run's return value, if it completed. */
  result: R | undefined;
  /** The run's error, if it failed. */
  error: StoredError | undefined;
  status: RunStatus;
  /** The run's event log, values decoded. */
  events: RunEvent[];
  /** The step attempts of the schedule: of `step`, or of every step. */
  calls(step?: StepRef): StepCall[];
  /** The schedule: `"<seed>:<index>"`. */
  schedule: string;
}

/** A property every schedule must keep: a violation returns false or throws. */
export type Invariant<R = unknown> = (
  context: InvariantContext<R>,
) => boolean | void | Promise<boolean | void>;

/** Options of {@link simulateWith} (`simulate` of `workflow/testing`). */
export interface SimulateOptions<R = unknown> extends Omit<
  Partial<TestRuntimeCoreOptions>,
  "bundles" | "faults" | "autoAdvance"
> {
  /** How many schedules to run. @default 200 */
  runs?: number;
  /** The simulation's seed: schedule `i` is `"<seed>:<i>"`. @default a random one (in the report and any failure) */
  seed?: string | number;
  /** Run only this schedule (`"<seed>:<index>"`, as a failure reports it), e.g. to debug it. */
  schedule?: string;
  /** Faults applied in every schedule, on top of the simulated ones. */
  faults?: Faults;
  /** Checked after each schedule, with the built-in invariants. */
  invariants?: Invariant<R> | Invariant<R>[];
  /**
   * The workflow races on purpose (a hook against a timeout, say): its result may differ between
   * schedules, so that is not checked. @default false
   */
  races?: boolean;
  /** Payloads for the hooks the run creates (see `HookPayloads`); a hook left without one is never resumed. */
  hooks?: HookPayloads;
  /** What varies between schedules. */
  vary?: Variations;
  /** Called with each schedule's fresh runtime before the run starts (to mock steps). */
  setup?: (runtime: TestRuntime) => void | Promise<void>;
  /** A run still going after this many events fails the "run ends" invariant. @default 10000 */
  maxEvents?: number;
}

/** What a simulation that passed ran. */
export interface SimulationReport {
  seed: string;
  /** Each schedule's key and trace (its choices, in order). */
  schedules: Array<{ schedule: string; trace: string[] }>;
  /** Processes killed, over all schedules. */
  crashes: number;
  /**
   * How the run of the first schedule ended: `completed` with its return value, or `failed` with
   * its error's message (a workflow that always fails passes the built-in invariants: check this).
   */
  outcome: Outcome | undefined;
  /** Real time the simulation took. */
  elapsedMs: number;
}

/** The virtual start of every schedule: one fixed time, so that schedules are reproducible. */
const SIMULATION_EPOCH = Date.UTC(2030, 0, 1);

/**
 * Runs `workflow(...args)` under many seeded schedules (completion orders of concurrent steps,
 * crashes, duplicate and delayed deliveries, hook arrival times), each on a fresh test world
 * over the same `bundles`, and checks the invariants after each. Throws a `SimulationFailure`
 * (seed, schedule, trace, how to rerun it) at the first schedule that breaks one.
 */
export async function simulateWith<Args extends unknown[], R>(
  bundles: TestRuntimeCoreOptions["bundles"],
  workflow: WorkflowFunction<Args, R>,
  args: NoInfer<Args>,
  options: SimulateOptions<R> = {},
): Promise<SimulationReport> {
  const started = performance.now();
  const keys = scheduleKeys(options);
  const seed = keys.seed;
  const invariants = [options.invariants ?? []].flat();
  const report: SimulationReport = {
    seed,
    schedules: [],
    crashes: 0,
    outcome: undefined,
    elapsedMs: 0,
  };
  let first: { key: string; outcome: Outcome } | undefined;
  for (const key of keys.list) {
    const schedule = await runSchedule(bundles, workflow, args, options, key, seed);
    report.crashes += schedule.crashes;
    report.schedules.push({ schedule: key, trace: schedule.trace });
    const violations = [...schedule.violations];
    report.outcome ??= schedule.outcome;
    if (schedule.outcome && !options.races) {
      if (first) violations.push(...checkSameOutcome(schedule.outcome, first.outcome, first.key));
      else first = { key, outcome: schedule.outcome };
    }
    if (schedule.context)
      for (const invariant of invariants) {
        try {
          if ((await invariant(schedule.context)) === false)
            violations.push(`${nameOf(invariant)} returned false`);
        } catch (error) {
          violations.push(`${nameOf(invariant)}: ${messageOf(error)}`);
        }
      }
    if (violations.length > 0)
      throw new SimulationFailure({
        workflow: workflow.workflowId ? shortNameOf(workflow.workflowId) : "workflow",
        seed,
        schedule: key,
        violations,
        trace: schedule.trace,
        events: schedule.context?.events ?? [],
      });
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** The schedules to run: `runs` of them from `seed`, or the one `schedule` names. */
function scheduleKeys(options: SimulateOptions<any>): { seed: string; list: string[] } {
  if (options.schedule !== undefined) {
    const at = options.schedule.lastIndexOf(":");
    const index = Number(options.schedule.slice(at + 1));
    if (at < 0 || !Number.isInteger(index) || index < 0)
      throw new TypeError(
        `simulate: schedule must be "<seed>:<index>" as a SimulationFailure reports it, got ${JSON.stringify(options.schedule)}`,
      );
    return { seed: options.schedule.slice(0, at), list: [options.schedule] };
  }
  const runs = options.runs ?? 200;
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`simulate: runs must be a whole number >= 1, got ${runs}`);
  const seed = options.seed === undefined ? randomBytes(4).toString("hex") : String(options.seed);
  return { seed, list: Array.from({ length: runs }, (_, i) => `${seed}:${i}`) };
}

interface ScheduleResult {
  trace: string[];
  crashes: number;
  violations: string[];
  outcome: Outcome | undefined;
  context: InvariantContext<any> | undefined;
}

async function runSchedule<Args extends unknown[], R>(
  bundles: TestRuntimeCoreOptions["bundles"],
  workflow: WorkflowFunction<Args, R>,
  args: Args,
  options: SimulateOptions<R>,
  key: string,
  seed: string,
): Promise<ScheduleResult> {
  let schedule!: Schedule;
  const { runtime, world } = buildTestRuntime(
    {
      bundles,
      now: options.now ?? SIMULATION_EPOCH,
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.stickyCacheSize !== undefined
        ? { stickyCacheSize: options.stickyCacheSize }
        : {}),
      ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
      ...(options.workflowTimeoutMs !== undefined
        ? { workflowTimeoutMs: options.workflowTimeoutMs }
        : {}),
    },
    (plan) => (schedule = new Schedule(key, plan, options.vary)),
  );
  const stopHooks = deliverHookPayloads(world, runtime, schedule, options.hooks);
  try {
    await runtime.start();
    await options.setup?.(runtime);
    // One seed for every schedule: the run's own randomness is an input, not part of the schedule.
    const run = await runtime.start(workflow, args, { seed: `simulate:${seed}` });
    const why = await settleRun(world, run.runId, options.maxEvents ?? 10_000);
    const state = await world.getRun(run.runId);
    const events = await world.readEvents(run.runId);
    const violations = [...checkEnded(state, why), ...checkCompletedOnce(events, runtime.calls())];
    if (!state)
      return {
        trace: schedule.trace,
        crashes: runtime.crashes,
        violations,
        outcome: undefined,
        context: undefined,
      };
    const result = state.status === "completed" ? ((await run.returnValue) as R) : undefined;
    const outcome: Outcome | undefined =
      state.status === "completed"
        ? { status: state.status, value: result }
        : state.status === "failed"
          ? { status: state.status, value: state.error?.message }
          : undefined;
    return {
      trace: schedule.trace,
      crashes: runtime.crashes,
      violations,
      outcome,
      context: {
        result,
        error: state.error,
        status: state.status,
        events: events.map(toRunEvent),
        calls: (step) => runtime.calls(step),
        schedule: key,
      },
    };
  } finally {
    stopHooks();
    await runtime.close();
  }
}

/** "invariant chargedOnce"; a function written inline in the options is just "invariant". */
function nameOf(invariant: Invariant<any>): string {
  const name = invariant.name;
  return name && name !== "invariants" ? `invariant ${name}` : "invariant";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
