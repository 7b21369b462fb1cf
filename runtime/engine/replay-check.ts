/**
 * Replays a run's stored log against the workflow code of now, without writing anything: does
 * the code still make the calls the log recorded, and end the way the run ended? This is what a
 * user runs before deploying a change to a workflow that has runs in flight (`wf replay`).
 */
import { readFile } from "node:fs/promises";
import { shortNameOf } from "../../protocol/ids.js";
import type { StoredEvent } from "../worlds/shared/events.js";
import type { RunState } from "../worlds/shared/state/types.js";
import type { WorkflowCall } from "./session-errors.js";
import { WorkflowSession, type WorkflowBundle } from "./session.js";

export type ReplayReport =
  | { deterministic: true; events: number }
  | {
      deterministic: false;
      /** The event where the code and the log part ways; null when the log ended first. */
      event: { index: number; type: string } | null;
      /** What the log has there. */
      expected: string;
      /** What the code does there. */
      actual: string;
      /** Where the code does it (`file:line:column`), when it is a call. */
      callSite?: string;
    };

export interface ReplayCheckInput {
  run: RunState;
  events: StoredEvent[];
  /** The workflow bundle of the current code. */
  bundle: WorkflowBundle;
  /** @default 5000 */
  timeoutMs?: number;
}

export async function checkReplay(input: ReplayCheckInput): Promise<ReplayReport> {
  const { run, events, bundle } = input;
  const session = new WorkflowSession({
    runId: run.runId,
    workflowName: run.workflowName,
    seed: run.seed,
    input: run.input,
    createdAt: run.createdAt,
    bundle,
    url: "http://localhost",
    replayedEvents: events.length, // its console output was printed when the run ran
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    traceCalls: true,
  });
  const outcome = await session.feed(events);
  const divergence = session.divergence;
  if (divergence) {
    return {
      deterministic: false,
      event: { index: divergence.event.index, type: divergence.event.type },
      expected: describeEvent(divergence.event),
      actual: divergence.call ? describeCall(divergence.call) : "no such call",
      ...(divergence.call?.callSite ? { callSite: divergence.call.callSite } : {}),
    };
  }
  const last = events[events.length - 1];
  const lastEvent = last ? { index: last.index, type: last.type } : null;
  const differs = (expected: string, actual: string, call?: WorkflowCall) => ({
    deterministic: false as const,
    event: lastEvent,
    expected,
    actual,
    ...(call?.callSite ? { callSite: call.callSite } : {}),
  });
  if (run.status === "completed" || run.status === "failed") {
    const ended = `the run ${run.status === "completed" ? "completes" : "fails"} (${last?.type})`;
    if (outcome.status === "suspended") {
      const next = session.unrecordedCalls()[0];
      return differs(ended, next ? `then ${describeCall(next)}` : "the workflow still waits", next);
    }
    if (outcome.status !== run.status)
      return differs(
        ended,
        outcome.status === "failed"
          ? `the workflow fails: ${outcome.error.message}`
          : "the workflow completes",
      );
    if (outcome.status === "completed" && outcome.output !== run.output)
      return differs(`the run returns ${run.output}`, `the workflow returns ${outcome.output}`);
  }
  return { deterministic: true, events: events.length };
}

function describeEvent(event: StoredEvent): string {
  switch (event.type) {
    case "step_created":
      return `step ${shortNameOf(event.data.stepName)} (${event.correlationId})`;
    case "wait_created":
      return `a sleep (${event.correlationId})`;
    case "hook_created":
      return `a hook with token ${JSON.stringify(event.data.token)}`;
    default:
      return `${event.type}${event.correlationId ? ` of ${event.correlationId}` : ""}`;
  }
}

function describeCall(call: WorkflowCall): string {
  return call.kind === "step" ? `a call of step ${shortNameOf(call.name ?? "?")}` : "a sleep";
}

/** The source around a report's `file:line:column`, or undefined when the file cannot be read. */
export async function callSiteFrame(callSite: string): Promise<string | undefined> {
  const match = /^(.*):(\d+):(\d+)$/.exec(callSite);
  if (!match) return undefined;
  try {
    const code = await readFile(match[1]!.replace(/^file:\/\//, ""), "utf8");
    const { codeFrameColumns } = await import("@babel/code-frame"); // only when a replay diverges
    return codeFrameColumns(
      code,
      { start: { line: Number(match[2]), column: Number(match[3]) } },
      { highlightCode: false, linesAbove: 2, linesBelow: 2 },
    );
  } catch {
    return undefined;
  }
}
