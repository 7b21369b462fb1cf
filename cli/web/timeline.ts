/**
 * A run's timeline from its event log: one lane per step, sleep and hook, in the order the run
 * made them, each with its spans on the clock (a step's attempts, a sleep's wait, a hook's wait
 * for each payload).
 */
import { shortNameOf } from "../../protocol/ids.js";
import type { StoredEvent } from "../../runtime/worlds/index.js";
import type { Lane, Span } from "./api-types.js";

export function timelineOf(events: readonly StoredEvent[]): Lane[] {
  const lanes = new Map<string, Lane>();
  const open = new Map<string, Span>();
  const lane = (id: string, kind: Lane["kind"], name: string) => {
    let found = lanes.get(id);
    if (!found) lanes.set(id, (found = { kind, id, name, spans: [] }));
    return found;
  };
  const begin = (id: string, span: Span) => {
    lanes.get(id)?.spans.push(span);
    open.set(id, span);
  };
  const end = (id: string, at: number, outcome: Span["outcome"], error?: Span["error"]) => {
    const span = open.get(id);
    if (!span) return;
    span.end = at;
    span.outcome = outcome;
    if (error) span.error = error;
    open.delete(id);
  };
  for (const event of events) {
    const id = event.correlationId;
    if (id === undefined) continue;
    const at = event.createdAt;
    switch (event.type) {
      case "step_created":
        lane(id, "step", shortNameOf(event.data.stepName));
        break;
      case "step_started":
        begin(id, { start: at, outcome: "running", label: `attempt ${event.data.attempt}` });
        break;
      case "step_completed":
        end(id, at, "completed");
        break;
      case "step_retrying":
        end(id, at, "retrying", event.data.error);
        break;
      case "step_failed":
        end(id, at, "failed", event.data.error);
        break;
      case "wait_created":
        lane(id, "sleep", "sleep");
        begin(id, {
          start: at,
          outcome: "waiting",
          label: `until ${new Date(event.data.resumeAt).toISOString()}`,
        });
        break;
      case "wait_completed":
        end(id, at, "completed");
        break;
      case "hook_created":
        lane(id, "hook", event.data.isWebhook ? "webhook" : "hook");
        begin(id, { start: at, outcome: "waiting", label: event.data.token });
        break;
      case "hook_received": {
        const token = open.get(id)?.label ?? "";
        end(id, at, "received");
        begin(id, { start: at, outcome: "waiting", label: token });
        break;
      }
      case "hook_disposed": {
        const span = open.get(id);
        // The wait after the last payload ends here; it was never a wait if it lasted no time.
        if (span && span.start === at) lanes.get(id)?.spans.pop();
        end(id, at, "disposed");
        break;
      }
      default:
        break;
    }
  }
  // A run that ended releases its hooks and stops its sleeps without an event for each.
  const last = events.at(-1);
  if (last && ["run_completed", "run_failed", "run_cancelled"].includes(last.type))
    for (const [id, span] of open)
      if (lanes.get(id)?.kind !== "step") {
        span.end = last.createdAt;
        span.outcome = "disposed";
      }
  return [...lanes.values()];
}
