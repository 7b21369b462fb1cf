import { shortNameOf } from "../../protocol/ids.js";
import { type RunState, TERMINAL_RUN_STATUSES } from "../worlds/shared/state/types.js";

/** What `waitFor` waits for a run to wait on: a hook, a sleep, or a step by name (`step:chargeCard`). */
export type WaitTarget = "hook" | "sleep" | `step:${string}`;

/** Whether `run` is now waiting on `target`. */
export function isWaitingOn(run: RunState, target: WaitTarget): boolean {
  if (target === "hook") return [...run.hooks.values()].some((h) => h.status === "active");
  if (target === "sleep") return [...run.waits.values()].some((w) => w.status === "waiting");
  if (target.startsWith("step:")) {
    const name = target.slice("step:".length);
    return [...run.steps.values()].some(
      (s) =>
        (s.status === "pending" || s.status === "running") &&
        (s.stepName === name || shortNameOf(s.stepName) === name),
    );
  }
  throw new TypeError(
    `waitFor: unknown target ${JSON.stringify(target)}; use "hook", "sleep" or "step:<name>"`,
  );
}

/** The error of a `waitFor` whose run ended first. */
export function runEndedError(run: RunState, target: WaitTarget): Error {
  return Object.assign(
    new Error(
      `waitFor(${JSON.stringify(target)}): run ${run.runId} ended (${run.status}) without waiting on it. ` +
        `Check the run's events (runtime.events(run)) for what it did instead.`,
    ),
    { code: "WAIT_FOR_RUN_ENDED" },
  );
}

export const isEnded = (run: RunState) => TERMINAL_RUN_STATUSES.has(run.status);
