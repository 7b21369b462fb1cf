/**
 * The options of `schedule()` and `defineSchedule()`, checked at the call: every wrong value is a
 * TypeError naming the option, what was given and what is accepted.
 */
import { InvalidWorkflowError } from "../errors/index.js";
import { serialize } from "../serialization/index.js";
import { OVERLAP_POLICIES, type OverlapPolicy } from "../worlds/shared/schedules.js";
import { parseCron } from "./cron.js";
import { assertTimeZone, nextTick } from "./cron-time.js";

/** What `schedule(wf, options)` takes. */
export interface ScheduleOptions {
  /**
   * When to start a run: a 5-field cron expression (minute hour day-of-month month day-of-week),
   * e.g. `"*\/5 * * * *"`, `"30 9 * * mon-fri"`, or `@hourly`, `@daily`, `@weekly`, `@monthly`,
   * `@yearly`.
   */
  cron: string;
  /** The IANA time zone the expression is read in. @default "UTC" */
  timezone?: string;
  /** The arguments of each run, as for `start()`. @default [] */
  args?: unknown[];
  /**
   * What a tick does while the schedule's previous run is still going: `"skip"` it (counted in
   * the schedule's `skippedTicks`), `"allow"` a run beside it, or `"queue"` it: start when the
   * previous run ends, at most one waiting (a later tick replaces it).
   * @default "skip"
   */
  overlap?: OverlapPolicy;
  /**
   * The schedule's ID, unique in the world: scheduling again with an ID updates that schedule.
   * At most 200 characters, no spaces.
   * @default the workflow's ID (one schedule per workflow)
   */
  id?: string;
  /** Create (or update) it paused; omitted, an existing schedule keeps its state. */
  paused?: boolean;
}

/** A checked definition: what the world stores of it. */
export interface ScheduleDefinition {
  id: string;
  workflowName: string;
  cron: string;
  timezone: string;
  input: string;
  overlap: OverlapPolicy;
  paused: boolean | undefined;
}

/** `schedule()` and `defineSchedule()` take the workflow the way `start()` does. */
export type ScheduledWorkflow = ((...args: any[]) => Promise<unknown>) & { workflowId?: string };

const ID = /^\S{1,200}$/;

/** Checks `options` for `caller` (`schedule()`, `defineSchedule()`). */
export function toScheduleDefinition(
  workflow: ScheduledWorkflow,
  options: ScheduleOptions,
  caller: string,
  now: number = Date.now(),
): ScheduleDefinition {
  const workflowName = typeof workflow === "function" ? workflow.workflowId : undefined;
  if (typeof workflowName !== "string")
    throw new InvalidWorkflowError(
      typeof workflow === "function"
        ? `the function ${workflow.name || "(anonymous)"} without a workflowId`
        : String(typeof workflow),
    );
  if (typeof options !== "object" || options === null)
    throw new TypeError(
      `${caller}: options must be an object such as { cron: "*/5 * * * *" }, got ${options === null ? "null" : typeof options}`,
    );
  const cron = parseCron(options.cron, `${caller}: options.cron`);
  const timezone = options.timezone ?? "UTC";
  assertTimeZone(timezone, `${caller}: options.timezone`);
  if (nextTick(cron, timezone, now) === undefined)
    throw new TypeError(
      `${caller}: options.cron ${JSON.stringify(options.cron)} never fires (no date in the next 8 years matches it)`,
    );
  const overlap = options.overlap ?? "skip";
  if (!OVERLAP_POLICIES.includes(overlap))
    throw new TypeError(
      `${caller}: options.overlap must be "skip", "allow" or "queue", got ${describe(overlap)}`,
    );
  const id = options.id ?? workflowName;
  if (typeof id !== "string" || !ID.test(id))
    throw new TypeError(
      `${caller}: options.id must be a string of 1 to 200 characters without spaces, got ${describe(id)}`,
    );
  if (options.paused !== undefined && typeof options.paused !== "boolean")
    throw new TypeError(
      `${caller}: options.paused must be a boolean, got ${describe(options.paused)}`,
    );
  if (options.args !== undefined && !Array.isArray(options.args))
    throw new TypeError(
      `${caller}: options.args must be an array of the workflow's arguments, got ${describe(options.args)}`,
    );
  const input = serialize(options.args ?? [], {
    operation: `arguments of schedule "${id}"`,
    root: "args",
  });
  return { id, workflowName, cron: options.cron, timezone, input, overlap, paused: options.paused };
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return `${typeof value} ${String(value)}`;
}
