/**
 * Prints a run's events as they are appended, one line each, with the time since the run was
 * created: steps starting, retrying (with the error), completing (with a short result), sleeps,
 * and the end of the run.
 */
import { parse } from "devalue";
import type { Runtime } from "workflow/api";

type StoredEvent = Parameters<Parameters<Runtime["subscribe"]>[0]>[0];

interface FollowedRun {
  createdAt: number;
  /** Step names by correlation ID, from `step_created`. */
  steps: Map<string, { name: string; args: unknown[] }>;
  /** Called when the run completes, fails or is cancelled. */
  done: () => void;
}

const TERMINAL = new Set(["run_completed", "run_failed", "run_cancelled"]);

/** Subscribes to `runtime`; `follow(runId)` prints that run's events, including earlier ones. */
export function createProgressPrinter(
  runtime: Runtime,
  write = (line: string) => console.log(line),
) {
  const followed = new Map<string, FollowedRun>();
  // Events of runs nobody follows yet: start() returns after the run may already have begun.
  const pending = new Map<string, StoredEvent[]>();

  runtime.subscribe((event) => {
    const run = followed.get(event.runId);
    if (run) return print(run, event);
    if (TERMINAL.has(event.type)) return void pending.delete(event.runId);
    const events = pending.get(event.runId) ?? [];
    events.push(event);
    pending.set(event.runId, events);
  });

  function print(run: FollowedRun, event: StoredEvent) {
    if (event.type === "run_created") run.createdAt = event.createdAt;
    const time = `+${((event.createdAt - run.createdAt) / 1000).toFixed(2)}s`.padStart(8);
    const line = (what: string, detail = "") =>
      write(`${time}  ${what.padEnd(17)} ${detail}`.trimEnd());
    const step = run.steps.get(event.correlationId ?? "");
    const name = step?.name ?? "step";
    switch (event.type) {
      case "run_created":
        return;
      case "run_started":
        return line("run started");
      case "step_created":
        run.steps.set(event.correlationId!, {
          name: event.data.stepName.split("//").pop()!,
          args: (decode(event.data.input) as { args?: unknown[] })?.args ?? [],
        });
        return;
      case "step_started": {
        const args = cut((step?.args ?? []).map((arg) => short(arg)).join(", "), 60);
        return line(
          name,
          event.data.attempt === 1 ? `started (${args})` : `started attempt ${event.data.attempt}`,
        );
      }
      case "step_retrying": {
        const delay = ((event.data.retryAfter - event.createdAt) / 1000).toFixed(1);
        return line(name, `retrying in ${delay}s after ${errorText(event.data.error)}`);
      }
      case "step_completed":
        return line(name, `completed -> ${short(decode(event.data.result))}`);
      case "step_failed":
        return line(name, `failed: ${errorText(event.data.error)}`);
      case "wait_created": {
        const seconds = ((event.data.resumeAt - event.createdAt) / 1000).toFixed(1);
        return line("sleep", `${seconds}s`);
      }
      case "wait_completed":
        return line("sleep", "done");
      case "run_completed":
        line("run completed");
        return run.done();
      case "run_failed":
        line("run failed", errorText(event.data.error));
        return run.done();
      case "run_cancelled":
        line("run cancelled");
        return run.done();
      default:
        return line(event.type);
    }
  }

  return {
    /** Prints `runId`'s events from its creation on; resolves when the run has ended. */
    follow(runId: string): Promise<void> {
      return new Promise((resolve) => {
        const run: FollowedRun = { createdAt: Date.now(), steps: new Map(), done: resolve };
        followed.set(runId, run);
        for (const event of pending.get(runId) ?? []) print(run, event);
        pending.delete(runId);
      });
    },
  };
}

/**
 * Stored values are in devalue's format (runtime/serialization), which `devalue.parse` reads for
 * the plain data this example passes around.
 */
function decode(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return text;
  }
}

/** A one-line rendering of a value, cut at `max` characters. */
function short(value: unknown, max = 72): string {
  const json = JSON.stringify(value);
  const text =
    json === undefined
      ? String(value)
      : json.replace(/"(\w+)":/g, "$1: ").replace(/,(?=\S)/g, ", ");
  return cut(text, max);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function errorText(error: { name?: string; message: string }): string {
  return `${error.name ?? "Error"}: ${error.message}`;
}
