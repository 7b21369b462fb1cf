import type { RunEvent } from "./run-events.js";

/** What a failed schedule tells: enough to read what happened and to run it again alone. */
export interface SimulationFailureDetails {
  /** The workflow's name. */
  workflow: string;
  /** The simulation's seed. */
  seed: string;
  /** The schedule that failed: `"<seed>:<index>"`. */
  schedule: string;
  /** Each invariant it broke, as a sentence. */
  violations: string[];
  /** The schedule's choices, in order. */
  trace: string[];
  /** The run's event log. */
  events: RunEvent[];
}

/**
 * A schedule of `simulate()` broke an invariant. `schedule` reruns it alone:
 * `simulate(workflow, args, { ...options, schedule: failure.schedule })` makes the same choices.
 */
export class SimulationFailure extends Error implements SimulationFailureDetails {
  override name = "SimulationFailure";
  readonly code = "SIMULATION_FAILED";
  readonly workflow: string;
  readonly seed: string;
  readonly schedule: string;
  readonly index: number;
  readonly violations: string[];
  readonly trace: string[];
  readonly events: RunEvent[];
  /** One line that reruns just this schedule. */
  readonly rerun: string;

  constructor(details: SimulationFailureDetails) {
    const rerun = `simulate(${details.workflow}, args, { ...options, schedule: ${JSON.stringify(details.schedule)} })`;
    super(
      [
        `simulate: schedule ${details.schedule} of ${details.workflow} broke ${details.violations.length === 1 ? "an invariant" : `${details.violations.length} invariants`}:`,
        ...details.violations.map((v) => `  - ${v}`),
        `Rerun just this schedule: ${rerun}`,
        `Its choices (${details.trace.length}):`,
        ...details.trace.map((line) => `  ${line}`),
      ].join("\n"),
    );
    this.workflow = details.workflow;
    this.seed = details.seed;
    this.schedule = details.schedule;
    this.index = Number(details.schedule.slice(details.schedule.lastIndexOf(":") + 1));
    this.violations = details.violations;
    this.trace = details.trace;
    this.events = details.events;
    this.rerun = rerun;
  }
}
